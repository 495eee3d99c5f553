import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { holdScriptLockElsewhere } from '../../local/services/lock';
import { newState, runSnippet } from '../helpers/runtime';

const AT = Date.parse('2026-01-05T09:00:00Z');

describe('LockService', () => {
  test('tryLock, hasLock and releaseLock within one execution; acquiring charges 50', () => {
    const code = `function f() {
      var lock = LockService.getScriptLock();
      var before = lock.hasLock();
      var got = lock.tryLock(1000);
      var held = [lock.hasLock(), LockService.getScriptLock().hasLock()];
      lock.releaseLock();
      return [before, got, held, lock.hasLock()];
    }`;
    const r = runSnippet(newState(), code, 'f');
    expect(r.value).toEqual([false, true, [true, true], false]);
    expect(r.stats.calls['Lock']).toEqual({ hasLock: 4, tryLock: 1, releaseLock: 1 });
    expect(r.stats.modeledMs).toBe(800 + 50);
  });

  test('a lock never released is released when the execution ends', () => {
    const state = newState();
    expect(runSnippet(state, `function f() { LockService.getScriptLock().waitLock(100); }`, 'f').error).toBeUndefined();
    const next = runSnippet(state, `function f() { var l = LockService.getScriptLock(); return l.tryLock(0); }`, 'f');
    expect(next.value).toBe(true);
  });

  test('held by another process: tryLock returns false and waitLock throws after waiting the full timeout', () => {
    const state = newState();
    holdScriptLockElsewhere(state, AT + 60000);
    const code = `function f() {
      var lock = LockService.getScriptLock();
      var t0 = Date.now();
      var got = lock.tryLock(5000);
      var waited = Date.now() - t0;
      try { lock.waitLock(10000); } catch (e) { return [got, waited, Date.now() - t0, e.name, e.message]; }
    }`;
    const r = runSnippet(state, code, 'f', { at: new Date(AT) });
    expect(r.value).toEqual([
      false,
      5000 + 50,
      5000 + 50 + 10000 + 50,
      'Exception',
      'Lock timeout: another process was holding the lock for too long.',
    ]);
  });

  test('waitLock gets the lock once the other process lets go within the timeout', () => {
    const state = newState();
    holdScriptLockElsewhere(state, AT + 3000);
    const code = `function f() {
      var lock = LockService.getScriptLock(), t0 = Date.now();
      lock.waitLock(30000);
      return [lock.hasLock(), Date.now() - t0];
    }`;
    // Charged 50 to ask, then the clock waits until the holder's release at +3 s.
    expect(runSnippet(state, code, 'f', { at: new Date(AT) }).value).toEqual([true, 3000]);
    // Later executions find it free.
    expect(runSnippet(state, `function f() { return LockService.getScriptLock().tryLock(0); }`, 'f', { at: new Date(AT + 4000) }).value).toBe(true);
  });

  test('user and document locks are independent of the script lock', () => {
    const state = newState();
    holdScriptLockElsewhere(state, AT + 60000);
    const code = `function f() { return [LockService.getUserLock().tryLock(0), LockService.getDocumentLock().tryLock(0), LockService.getScriptLock().tryLock(0)]; }`;
    expect(runSnippet(state, code, 'f', { at: new Date(AT) }).value).toEqual([true, true, false]);
  });

  test('held by a running execution of another process: tryLock blocks, waitLock throws, a dead holder frees it', async () => {
    const state = newState();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      const holder = { execution: 'other', since: AT, pid: other.pid, thread: 0, expiresAt: Date.now() + 60_000 };
      fs.writeFileSync(path.join(state.dir, 'locks.json'), JSON.stringify({ user: {}, script: holder }));
      const code = `function f() {
        var lock = LockService.getScriptLock(), t0 = Date.now(), out = [lock.tryLock(100), Date.now() - t0];
        try { lock.waitLock(50); } catch (e) { out.push(e.message); }
        return out.concat([lock.hasLock()]);
      }`;
      const started = Date.now();
      const r = runSnippet(state, code, 'f', { at: new Date(AT) });
      // Nobody let go, so no time passed on Apps Script's clock but the timeouts; the wall clock waited too.
      expect(r.value).toEqual([false, 50 + 100, 'Lock timeout: another process was holding the lock for too long.', false]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    } finally {
      other.kill();
      await new Promise((resolve) => other.once('exit', resolve));
    }
    // Its process is gone: the lock is free.
    expect(runSnippet(state, `function f() { return LockService.getScriptLock().tryLock(0); }`, 'f').value).toBe(true);
  });
});
