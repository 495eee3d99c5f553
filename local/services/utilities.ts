import * as crypto from 'node:crypto';
import * as vm from 'node:vm';
import * as zlib from 'node:zlib';
import type { ServiceFactory } from '../runtime/api';
import type { Execution } from '../runtime/execution';
import { isDate } from '../runtime/realm';
import { blobData, makeBlob } from './blob';
import { bytesFromScript, decodeBytes, encodeString, toScriptBytes } from './bytes';
import { countedAs } from './counted';
import { enumObject } from './implemented';
import { parseCsv } from './csv';
import { FormatError, formatJavaDate } from './formatdate';
import { formatString } from './formatstring';
import { signatureError } from './signature';

const DIGESTS: Record<string, string> = { MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_384: 'sha384', SHA_512: 'sha512' };
const MACS: Record<string, string> = { HMAC_MD5: 'md5', HMAC_SHA_1: 'sha1', HMAC_SHA_256: 'sha256', HMAC_SHA_384: 'sha384', HMAC_SHA_512: 'sha512' };

/** Apps Script caps one Utilities.sleep at five minutes. */
const MAX_SLEEP_MS = 300000;

type U = GoogleAppsScript.Utilities.Utilities;

export const utilitiesService: ServiceFactory = (exec) => {
  const realm = exec.realm;
  const enumOf = (names: string[]) => realm.toScript(Object.fromEntries(names.map((n) => [n, n])));

  /** A string is encoded with `charset`; a byte array is taken as it is. */
  const input = (method: string, args: unknown[], value: unknown, charset: unknown): Buffer => {
    if (typeof value === 'string') return encodeString(value, charset === undefined || charset === null ? 'UTF-8' : String(charset));
    const bytes = bytesFromScript(value);
    if (!bytes) throw signatureError(exec, method, args);
    return bytes;
  };

  const Utilities = countedAs<GoogleAppsScript.Utilities.Utilities>(exec, 'Utilities', {
    DigestAlgorithm: enumObject<U['DigestAlgorithm']>(enumOf(['MD2', ...Object.keys(DIGESTS)])),
    MacAlgorithm: enumObject<U['MacAlgorithm']>(enumOf(Object.keys(MACS))),
    Charset: enumObject<U['Charset']>(enumOf(['US_ASCII', 'UTF_8'])),
    RsaAlgorithm: enumObject<U['RsaAlgorithm']>(enumOf(['RSA_SHA_1', 'RSA_SHA_256'])),

    formatDate(...args: unknown[]) {
      const [date, timeZone, format] = args;
      if (!isDate(date) || typeof timeZone !== 'string' || typeof format !== 'string') throw signatureError(exec, 'Utilities.formatDate', args);
      try {
        return formatJavaDate(date.getTime(), timeZone, format);
      } catch (e) {
        if (e instanceof FormatError) throw realm.exception(e.message);
        throw e;
      }
    },
    formatString(template: unknown, ...args: unknown[]) {
      return formatString(String(template), args);
    },
    computeDigest(...args: unknown[]) {
      const [algorithm, value, charset] = args;
      const name = DIGESTS[String(algorithm)];
      if (!name) {
        if (String(algorithm) === 'MD2') throw realm.exception('not implemented in the local runtime: Utilities.computeDigest(MD2)');
        throw signatureError(exec, 'Utilities.computeDigest', args);
      }
      return toScriptBytes(
        realm,
        crypto
          .createHash(name)
          .update(input('Utilities.computeDigest', args, value, charset))
          .digest(),
      );
    },
    computeHmacSignature(...args: unknown[]) {
      const [algorithm, value, key, charset] = args;
      const name = MACS[String(algorithm)];
      if (!name) throw signatureError(exec, 'Utilities.computeHmacSignature', args);
      const mac = crypto.createHmac(name, input('Utilities.computeHmacSignature', args, key, charset));
      return toScriptBytes(realm, mac.update(input('Utilities.computeHmacSignature', args, value, charset)).digest());
    },
    computeHmacSha256Signature(...args: unknown[]) {
      const [value, key, charset] = args;
      const mac = crypto.createHmac('sha256', input('Utilities.computeHmacSha256Signature', args, key, charset));
      return toScriptBytes(realm, mac.update(input('Utilities.computeHmacSha256Signature', args, value, charset)).digest());
    },
    base64Encode(...args: unknown[]) {
      return input('Utilities.base64Encode', args, args[0], args[1]).toString('base64');
    },
    base64EncodeWebSafe(...args: unknown[]) {
      return input('Utilities.base64EncodeWebSafe', args, args[0], args[1]).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
    },
    base64Decode(...args: unknown[]) {
      return toScriptBytes(realm, decodeBase64(exec, args, /^[A-Za-z0-9+/]*={0,2}$/));
    },
    base64DecodeWebSafe(...args: unknown[]) {
      return toScriptBytes(realm, decodeBase64(exec, args, /^[A-Za-z0-9_-]*={0,2}$/));
    },
    newBlob(...args: unknown[]) {
      const [data, contentType, name] = args;
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : bytesFromScript(data);
      if (!bytes) throw signatureError(exec, 'Utilities.newBlob', args);
      return makeBlob(exec, {
        bytes,
        contentType: contentType === undefined || contentType === null ? null : String(contentType),
        name: name === undefined || name === null ? null : String(name),
      });
    },
    getUuid: () => crypto.randomUUID(),
    sleep(milliseconds: unknown) {
      const ms = Number(milliseconds);
      if (!Number.isFinite(ms) || ms < 0 || ms > MAX_SLEEP_MS) throw realm.exception('Invalid argument: milliseconds');
      // No real wait: the execution's clock moves, and the 6-minute limit applies to it.
      exec.advance(ms);
    },
    parseCsv(csv: unknown, delimiter?: unknown) {
      const sep = delimiter === undefined || delimiter === null ? ',' : String(delimiter);
      return realm.toScript(parseCsv(String(csv), sep.charAt(0) || ','));
    },
    jsonParse: (text: unknown) => realmJson(exec).parse(String(text)) as unknown,
    jsonStringify: (value: unknown) => realmJson(exec).stringify(value),
    gzip(...args: unknown[]) {
      const [blob, name] = args;
      const data = blobBytes(exec, 'Utilities.gzip', args, blob);
      return makeBlob(exec, {
        bytes: zlib.gzipSync(data.bytes),
        contentType: 'application/x-gzip',
        name: name == null ? `${data.name ?? 'archive'}.gz` : String(name),
      });
    },
    ungzip(...args: unknown[]) {
      const data = blobBytes(exec, 'Utilities.ungzip', args, args[0]);
      return makeBlob(exec, { bytes: zlib.gunzipSync(data.bytes), contentType: null, name: data.name?.replace(/\.gz$/, '') ?? null });
    },
    toString: () => 'Utilities',
  });
  return { Utilities };
};

function decodeBase64(exec: Execution, args: unknown[], alphabet: RegExp): Buffer {
  const [encoded, charset] = args;
  if (typeof encoded !== 'string' && !Array.isArray(encoded)) throw signatureError(exec, 'Utilities.base64Decode', args);
  const text =
    typeof encoded === 'string' ? encoded : decodeBytes(bytesFromScript(encoded) ?? Buffer.alloc(0), charset == null ? 'UTF-8' : String(charset));
  const compact = text.replace(/\s+/g, '');
  if (!alphabet.test(compact) || compact.replace(/=+$/, '').length % 4 === 1) throw exec.realm.exception('Could not decode string.');
  return Buffer.from(compact.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

function blobBytes(exec: Execution, method: string, args: unknown[], blob: unknown) {
  const data = blobData(blob);
  if (!data) throw signatureError(exec, method, args);
  return data;
}

const jsonByContext = new WeakMap<object, JSON>();

/** The realm's own JSON, so parsed values and SyntaxErrors belong to the script. */
function realmJson(exec: Execution): JSON {
  let json = jsonByContext.get(exec.realm.context);
  if (!json) {
    json = vm.runInContext('JSON', exec.realm.context) as JSON;
    jsonByContext.set(exec.realm.context, json);
  }
  return json;
}
