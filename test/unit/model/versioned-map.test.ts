import * as assert from 'node:assert/strict';
import { VersionedMap } from '../../../src/core/model/versioned-map';

const contents = (m: Map<string, number>) => [...m].map(([k, v]) => `${k}=${v}`).join(' ');

describe('versioned map (the schema model\'s copy-in-O(1) maps)', () => {
  it('behaves like a Map while it is written', () => {
    const m = VersionedMap.over<string, number>();
    m.set('a', 1).set('b', 2).set('a', 3);
    m.delete('b');
    m.set('c', 4);
    assert.deepEqual([contents(m), m.size, m.has('b'), m.get('a')], ['a=3 c=4', 2, false, 3]);
  });

  it('keeps a snapshot as it was while the map goes on changing', () => {
    const m = VersionedMap.over<string, number>();
    m.set('a', 1).set('b', 2);
    const before = m.snapshot();
    m.set('a', 10);
    m.delete('b');
    m.set('c', 3);
    assert.equal(contents(before), 'a=1 b=2');
    assert.equal(contents(m), 'a=10 c=3');
    assert.throws(() => before.set('x', 1), /read-only/);
  });

  it('makes copies that can be written without touching the original, and copies of copies', () => {
    const m = VersionedMap.over<string, number>(new Map([['a', 1], ['b', 2]]));
    const copy = m.copy();
    copy.set('b', 20);
    copy.set('d', 4);
    m.delete('a');
    const copyOfCopy = copy.copy();
    copyOfCopy.delete('d');
    assert.deepEqual([contents(m), contents(copy), contents(copyOfCopy)], ['b=2', 'a=1 b=20 d=4', 'a=1 b=20']);
    copy.clear();
    assert.deepEqual([contents(copy), copy.size, contents(copyOfCopy)], ['', 0, 'a=1 b=20']);
  });
});
