// Removes the run's temporary folder (test/global-setup.js).
const fs = require('fs');

module.exports = async () => {
  const dir = process.env.MAC_TEST_TMPDIR_OWNER;
  if (dir && /mac-jest-/.test(dir)) fs.rmSync(dir, { recursive: true, force: true });
};
