/**
 * The Node versions the project declares (package.json `engines.node`), the ones its
 * dependencies declare (package-lock.json) and the README agree, so that `npm ci` on a
 * supported Node warns no EBADENGINE.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as semver from 'semver';

const root = path.resolve(__dirname, '../../../..');
const json = (f: string) => JSON.parse(fs.readFileSync(path.join(root, f), 'utf8'));

describe('the Node versions the project needs', () => {
  const declared: string = json('package.json').engines.node;
  const lock = json('package-lock.json') as { packages: Record<string, { version?: string; engines?: { node?: string } | string[] }> };

  it('every installed package supports every Node that package.json admits', () => {
    assert.ok(semver.validRange(declared), declared);
    const refusing = Object.entries(lock.packages)
      .filter(([name, p]) => name && p.engines && !Array.isArray(p.engines) && p.engines.node)
      .filter(([, p]) => !semver.subset(declared, (p.engines as { node: string }).node))
      .map(([name, p]) => `${name}@${p.version} needs node ${(p.engines as { node: string }).node}`);
    assert.deepEqual(refusing, [], `package.json admits node ${declared}`);
  });

  it('package-lock.json was made from the same engines', () => {
    assert.equal((lock.packages[''].engines as { node: string }).node, declared);
  });

  it('the README says which Node versions, as package.json does', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const line = readme.split('\n').find((l) => /^Needs Node\b/.test(l));
    assert.ok(line, 'a line "Needs Node …" in the README');
    const lowest = new semver.Range(declared).set.map((alt) => semver.minVersion(new semver.Range(alt.map((c) => c.value).join(' ')))!);
    for (const v of lowest) assert.ok(line.includes(`${v.major}.${v.minor}`), `${line} names ${v.major}.${v.minor}`);
  });
});
