/* global db, fs, print -- mongosh globals */
// Runs once, when the mongo container initialises an empty data volume (mongosh, as root).
// Creates the application's least-privilege user; its password comes from the compose secret
// mongo_app_password, and infra/scripts/make-secrets.sh writes the matching MONGODB_URI.
const appUser = process.env.LLMFB_MONGO_APP_USER || 'llmfb';
const appDatabase = process.env.MONGO_INITDB_DATABASE || 'llmfb';
const password = fs.readFileSync('/run/secrets/mongo_app_password', 'utf8').trim();
if (password.length < 16) throw new Error('mongo_app_password must be at least 16 characters');

db.getSiblingDB(appDatabase).createUser({
  user: appUser,
  pwd: password,
  roles: [{ role: 'readWrite', db: appDatabase }],
});
print(`created MongoDB user ${appUser} with readWrite on ${appDatabase}`);
