import { versionGap } from '../../../../src/core/lint/rules/version-gap';
import { ruleTester } from '../rule-tester';

const SQL = 'SELECT 1;\n';

ruleTester(versionGap, {
  valid: [
    { name: 'versions 0001, 0002, 0003', files: { '0001_a.sql': SQL, '0002_b.sql': SQL, '0003_c.sql': SQL } },
    { name: 'a set that starts above 1 (squashed history)', files: { '0010_a.sql': SQL, '0011_b.sql': SQL } },
    { name: 'timestamp versions', files: { '20260101120000_a.sql': SQL, '20260105093000_b.sql': SQL } },
  ],
  invalid: [
    {
      name: 'a missing 0003, on the migration after the gap',
      files: { '0001_a.sql': SQL, '0002_b.sql': SQL, '0004_d.sql': SQL },
      errors: [{ file: '0004_d.sql', line: 1, column: 1, message: 'version 0003 missing between 0002_b.sql and 0004_d.sql' }],
    },
    {
      name: 'a gap of several versions',
      files: { '0001_a.sql': '-- Migration: 0001_a.sql\nSELECT 1;', '0007_b.sql': '-- Migration: 0007_b.sql\nSELECT 1;' },
      errors: [{ file: '0007_b.sql', line: 1, column: 15, message: 'versions 0002, 0003, 0004, ... (5 in all) missing between 0001_a.sql and 0007_b.sql' }],
    },
  ],
});
