import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { flywayChecksum, sha1Hex, sha256Hex } from '../../src/core/migrations/foreign/checksums';
import { LAYOUT_FIXTURES } from '../support/projects';

const fixture = (file: string) => fs.readFileSync(path.join(LAYOUT_FIXTURES, file), 'utf8');

describe('the checksums other tools record', () => {
  const cases: { tool: string; file: string; checksum: (t: string) => string; expected: string }[] = [
    // recorded by sqitch 1.3.1 itself in sqitch.changes.script_hash
    { tool: 'sqitch', file: 'sqitch/deploy/documents.sql', checksum: sha1Hex, expected: '1087ba1fe35074f29b5f3004a1781b2e1c1645a7' },
    { tool: 'sqitch', file: 'sqitch/deploy/chunks.sql', checksum: sha1Hex, expected: '432e8128dd75b71e67378ba3ed43a0b6fa1d0a1c' },
    // sha256sum of the file, as Prisma and drizzle record it
    { tool: 'Prisma', file: 'prisma/prisma/migrations/20240101120000_init/migration.sql', checksum: sha256Hex, expected: 'bb42cd3a2fc462eda92334554f186c712a49835b72070cd07838922a5e81dafb' },
    { tool: 'drizzle', file: 'drizzle/drizzle/0001_chunks.sql', checksum: sha256Hex, expected: 'c44af9e53bb6c632f2611d1294c7e78dcee67a824947559e4372f25092630d79' },
    // Flyway's CRC32 of the lines without their breaks, signed
    { tool: 'Flyway', file: 'flyway/sql/V1__create_documents.sql', checksum: flywayChecksum, expected: '753087408' },
    { tool: 'Flyway', file: 'flyway/sql/V2__create_chunks.sql', checksum: flywayChecksum, expected: '-1220731756' },
  ];
  for (const c of cases) {
    it(`computes ${c.tool}'s checksum of ${c.file}`, () => assert.equal(c.checksum(fixture(c.file)), c.expected));
  }

  it('gives Flyway\'s checksum regardless of the line breaks', () => {
    assert.equal(flywayChecksum('SELECT 1;\r\nSELECT 2;\r\n'), flywayChecksum('SELECT 1;\nSELECT 2;\n'));
  });
});
