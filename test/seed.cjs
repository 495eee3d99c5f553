/* global expect -- jest provides it to setupFilesAfterEnv */
const path = require('node:path');

/**
 * Trigger ids, and with them the modeled firing times (local/services/triggerSchedule.ts), repeat from run to run:
 * seeded per test file, so files see different layouts and a failure comes back on the next run. Set
 * SHINCHOKU_TEST_SEED to try other layouts (`SHINCHOKU_TEST_SEED=3 npx jest test/integration/week.test.ts`).
 */
const file = path.relative(path.join(__dirname, '..'), expect.getState().testPath).split(path.sep).join('/');
process.env.SHINCHOKU_LOCAL_SEED = `${file}#${process.env.SHINCHOKU_TEST_SEED ?? ''}`;
