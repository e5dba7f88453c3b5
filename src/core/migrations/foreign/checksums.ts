// The checksums other tools record, computed the way each tool computes them.
import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';
import type { ForeignToolId } from './types';

/** Prisma (`_prisma_migrations.checksum`) and drizzle (`__drizzle_migrations.hash`): SHA-256 hex of the file. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** sqitch (`changes.script_hash`): SHA-1 hex of the deploy script. */
export function sha1Hex(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

/**
 * Flyway (`flyway_schema_history.checksum`): CRC32 over the file's lines without their line
 * breaks (a BOM dropped), as a signed 32-bit integer.
 */
export function flywayChecksum(text: string): string {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const crc = zlib.crc32(Buffer.from(lines.join(''), 'utf8'));
  return String(crc | 0);
}

/** The checksum a tool would record for a file's text, for the tools that keep one. */
export function toolChecksum(tool: ForeignToolId, fileText: string): string | undefined {
  switch (tool) {
    case 'prisma':
    case 'drizzle':
      return sha256Hex(fileText);
    case 'flyway':
      return flywayChecksum(fileText);
    case 'sqitch':
      return sha1Hex(fileText);
    default:
      return undefined;
  }
}
