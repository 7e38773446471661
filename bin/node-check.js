// Convene runs its TypeScript sources directly (Node's type stripping, unflagged since Node 22.18).
// Fail with one actionable line on an older Node instead of "Unknown file extension .ts".
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `Convene needs Node.js 22.18 or newer (this is ${process.version}): install a current Node.js, e.g. \`npm install -g node@24\` or from nodejs.org`,
  );
  process.exit(1);
}
