import { App, TerraformStack } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { MonitoringStack } from '../../stacks/monitoring-stack';
import { local } from '../../stacks/environments';

// jest.config.js: the packages nearly every suite loads come from one bundle (test/vendor-bundle.js).
// Under another configuration there is none to test.
(process.env.MAC_JEST_VENDOR_INDEX ? describe : describe.skip)('the vendor bundle jest loads packages from', () => {
  const resolve = require('../vendor-resolver') as (request: string, options: { basedir: string; defaultResolver: (r: string, o: unknown) => string }) => string;
  // Where node puts a request in node_modules (jest's own require.resolve goes through the resolver).
  const options = { basedir: __dirname, defaultResolver: (request: string) => fs.realpathSync(path.join(__dirname, '..', '..', 'node_modules', `${request}.js`)) };

  it('serves the packages lib imports, one instance shared by tests and lib', () => {
    expect(require.resolve('cdktf')).toContain(`${path.sep}dist${path.sep}jest-vendor${path.sep}`);
    expect(require.resolve('@grafana/grafana-foundation-sdk/dashboard')).toContain(`${path.sep}jest-vendor${path.sep}`);
    // lib's stack is of the TerraformStack class this test imports: one cdktf.
    expect(new MonitoringStack(new App(), local)).toBeInstanceOf(TerraformStack);
  });

  it('leaves other packages where they are', () => {
    expect(require.resolve('fast-check')).toContain(`${path.sep}node_modules${path.sep}fast-check${path.sep}`);
  });

  it('refuses a file of a bundled package it has no entry for: that would be a second instance', () => {
    expect(() => resolve('cdktf/lib/app', options)).toThrow(/cdktf\/lib\/app .* vendor bundle has no entry for/);
  });
});
