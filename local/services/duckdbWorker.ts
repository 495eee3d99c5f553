/**
 * The DuckDB worker's source, run with `new Worker(source, { eval: true })` as the HTTP worker is (no file on disk
 * is needed, whether the CLI runs bundled or jest runs the TypeScript). It holds one database open between `open`
 * and `close`, runs each statement it is sent on that connection, posts the rows (as JSON values: BIGINT and
 * DATE as strings) on its port, then wakes the blocked script thread through the shared flag.
 * Plain JavaScript on purpose: it is never compiled.
 */
export const DUCKDB_WORKER_SOURCE = String.raw`
'use strict';
const { workerData } = require('node:worker_threads');
const { signal, port, modulePath } = workerData;
const { DuckDBInstance } = require(modulePath);
const flag = new Int32Array(signal);
let open = null;

function reply(message) {
  port.postMessage(message);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

port.on('message', async (job) => {
  try {
    if (job.op === 'open') {
      if (open) throw new Error('a database is open already');
      const instance = await DuckDBInstance.create(job.path);
      const connection = await instance.connect();
      // BigQuery's TIMESTAMP is an instant shown in UTC: the session's zone must not be the machine's.
      await connection.run("SET TimeZone = 'UTC'");
      open = { instance, connection };
      reply({ id: job.id, ok: true });
    } else if (job.op === 'run') {
      if (!open) throw new Error('no database is open');
      const reader = await open.connection.runAndReadAll(job.sql, job.params || undefined);
      reply({ id: job.id, ok: true, columns: reader.columnNames(), types: reader.columnTypes().map(String), rows: reader.getRowsJson() });
    } else if (job.op === 'close') {
      if (open) {
        open.connection.closeSync();
        open.instance.closeSync();
        open = null;
      }
      reply({ id: job.id, ok: true });
    }
  } catch (error) {
    reply({ id: job.id, ok: false, error: String((error && error.message) || error) });
  }
});
`;
