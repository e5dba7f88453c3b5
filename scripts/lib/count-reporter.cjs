// Mocha's spec reporter, plus a JSON file with the counts so scripts/test.mjs can total every
// suite into one closing line.
const fs = require('node:fs');
const Mocha = require('mocha');

class CountReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const countsFile = options.reporterOptions && options.reporterOptions.countsFile;
    const counts = { passed: 0, failed: 0, skipped: 0 };
    runner.on('pass', () => counts.passed++);
    runner.on('fail', () => counts.failed++);
    runner.on('pending', () => counts.skipped++);
    runner.once('end', () => {
      if (countsFile) fs.writeFileSync(countsFile, JSON.stringify(counts));
    });
  }
}

module.exports = CountReporter;
