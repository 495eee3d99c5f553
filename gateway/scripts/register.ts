import { COMMANDS } from '../src/commands';

/**
 * `npm run discord:register [-- --guild <id>] [-- --dry-run]`: registers `/progress` with Discord, replacing the
 * application's commands (PUT is Discord's bulk overwrite, so running it again changes nothing). A guild's commands
 * appear at once; global ones can take up to an hour. Needs DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN in the
 * environment (the bot token only for this; it never goes to the Worker or the sheet).
 */
async function main(argv: string[]): Promise<number> {
  const dryRun = argv.includes('--dry-run');
  const guildAt = argv.indexOf('--guild');
  const guild = guildAt >= 0 ? argv[guildAt + 1] : process.env['DISCORD_GUILD_ID'];
  if (guildAt >= 0 && !guild) return fail('--guild needs a server id: --guild 123456789012345678');
  const body = JSON.stringify(COMMANDS, null, 2);
  if (dryRun) {
    process.stdout.write(`${body}\n`);
    return 0;
  }
  const app = process.env['DISCORD_APPLICATION_ID'];
  const token = process.env['DISCORD_BOT_TOKEN'];
  if (!app || !/^\d{5,25}$/.test(app)) return fail('set DISCORD_APPLICATION_ID (Developer Portal ▸ General Information ▸ Application ID)');
  if (!token) return fail('set DISCORD_BOT_TOKEN (Developer Portal ▸ Bot ▸ Reset Token); it is used for this request only');
  if (guild && !/^\d{5,25}$/.test(guild)) return fail(`--guild must be a server id (digits), not "${guild}"`);
  const url = `https://discord.com/api/v10/applications/${app}${guild ? `/guilds/${guild}` : ''}/commands`;
  const response = await fetch(url, { method: 'PUT', headers: { Authorization: `Bot ${token}`, 'Content-Type': 'application/json' }, body });
  const text = await response.text();
  if (!response.ok) return fail(`Discord answered HTTP ${response.status}: ${text.slice(0, 500)}`);
  const names = (JSON.parse(text) as Array<{ name: string }>).map((c) => `/${c.name}`).join(', ');
  process.stdout.write(`registered ${names} ${guild ? `in server ${guild} (available now)` : 'globally (may take up to an hour to appear)'}\n`);
  return 0;
}

function fail(message: string): number {
  process.stderr.write(`discord:register: ${message}\n`);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => (process.exitCode = fail(error instanceof Error ? error.message : String(error))),
);
