import * as assert from 'node:assert/strict';
import {
  clientConfigFor, confirmsProduction, databaseName, displayConnection, readConnectionSettings, ConnectionSetting,
} from '../../src/core/db/connection-settings';

describe('connections from editor settings', () => {
  it('reads host-based and URL-based connections', () => {
    const read = readConnectionSettings([
      { name: 'local', host: '127.0.0.1', port: 5433, database: 'app', user: 'me', sslmode: 'disable' },
      { name: 'staging', url: 'postgres://deploy@staging.example:5432/app?sslmode=require', production: true },
    ]);
    assert.deepEqual(read.problems, []);
    assert.deepEqual(read.connections.map((c) => [c.name, displayConnection(c), c.production]), [
      ['local', 'postgres://me@127.0.0.1:5433/app?sslmode=disable', false],
      ['staging', 'postgres://deploy@staging.example:5432/app?sslmode=require', true],
    ]);
  });

  const bad: [unknown, RegExp][] = [
    [{ host: 'x' }, /connections\[0\] needs a "name"/],
    [{ name: 'a', port: '5432' }, /connection "a": "port" must be a whole number/],
    [{ name: 'a', sslmode: 'on' }, /"sslmode" must be one of disable, allow, prefer/],
    [{ name: 'a', url: 'mysql://x/y' }, /must start with postgres:\/\//],
    [{ name: 'a', url: 'postgres://me:hunter2@db/app' }, /holds a password; remove it from the URL \(postgres:\/\/me:\*\*\*@db\/app\)/],
    [{ name: 'a', url: 'postgres://db/app', host: 'db' }, /either "url" or host\/port\/database\/user/],
  ];
  for (const [entry, message] of bad) {
    it(`explains what is wrong with ${JSON.stringify(entry)} and leaves it out`, () => {
      const read = readConnectionSettings([entry]);
      assert.equal(read.connections.length, 0);
      assert.equal(read.problems.length, 1);
      assert.match(read.problems[0], message);
      assert.doesNotMatch(read.problems[0], /hunter2/);
    });
  }

  it('keeps the first of two connections with the same name', () => {
    const read = readConnectionSettings([{ name: 'a', host: 'one' }, { name: 'a', host: 'two' }]);
    assert.deepEqual(read.connections.map((c) => c.host), ['one']);
    assert.match(read.problems[0], /defined twice/);
  });

  it('puts the password into a URL connection so node-postgres cannot drop it', () => {
    const config = clientConfigFor({ name: 'x', url: 'postgres://me@db:5432/app' }, 'p@ss:w/rd%');
    const url = new URL(config.connectionString!);
    assert.equal(decodeURIComponent(url.password), 'p@ss:w/rd%');
    assert.equal(url.username, 'me');
  });

  it('maps sslmode onto node-postgres TLS options', () => {
    const ssl = (sslmode?: ConnectionSetting['sslmode']) => clientConfigFor({ name: 'x', host: 'db', sslmode }).ssl;
    assert.equal(ssl(undefined), false);
    assert.equal(ssl('disable'), false);
    assert.deepEqual(ssl('require'), { rejectUnauthorized: false });
    assert.equal(ssl('verify-full'), true);
  });

  it('names the database a production confirmation asks for', () => {
    assert.equal(databaseName({ name: 'p', url: 'postgres://me@db/prod_app' }), 'prod_app');
    assert.equal(databaseName({ name: 'p', host: 'db', database: 'app' }), 'app');
    const prod: ConnectionSetting = { name: 'p', host: 'db', database: 'app', production: true };
    assert.equal(confirmsProduction(prod, 'app'), true);
    assert.equal(confirmsProduction(prod, 'ap'), false);
    assert.equal(confirmsProduction(prod, undefined), false);
    assert.equal(confirmsProduction({ ...prod, production: false }, undefined), true);
  });
});
