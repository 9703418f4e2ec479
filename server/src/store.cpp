#include "store.h"

#include <chrono>
#include <ctime>

#include "tokens.h"

namespace samenleven::server {

namespace {

constexpr int kStoreSchemaVersion = 1;

const char* const kSchema = R"SQL(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS governments(
  key TEXT PRIMARY KEY, name TEXT NOT NULL,
  role TEXT NOT NULL CHECK(role IN ('government', 'agency')), created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tokens(
  hash TEXT PRIMARY KEY, government_key TEXT NOT NULL REFERENCES governments(key), created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS plans(
  id TEXT PRIMARY KEY, owner_key TEXT NOT NULL, title TEXT NOT NULL, status TEXT NOT NULL,
  revision INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS plans_owner ON plans(owner_key);
CREATE TABLE IF NOT EXISTS plan_readers(
  plan_id TEXT NOT NULL REFERENCES plans(id), government_key TEXT NOT NULL,
  PRIMARY KEY(plan_id, government_key));
CREATE INDEX IF NOT EXISTS plan_readers_key ON plan_readers(government_key);
CREATE TABLE IF NOT EXISTS revisions(
  plan_id TEXT NOT NULL REFERENCES plans(id), revision INTEGER NOT NULL, status TEXT NOT NULL,
  document TEXT NOT NULL, findings TEXT NOT NULL, errors INTEGER NOT NULL, warnings INTEGER NOT NULL,
  author_key TEXT NOT NULL, change_id TEXT NOT NULL, changed TEXT NOT NULL, created_at TEXT NOT NULL,
  PRIMARY KEY(plan_id, revision));
CREATE TABLE IF NOT EXISTS conflicts(
  id INTEGER PRIMARY KEY AUTOINCREMENT, plan_id TEXT NOT NULL REFERENCES plans(id),
  base_revision INTEGER NOT NULL, server_revision INTEGER NOT NULL, document TEXT NOT NULL,
  author_key TEXT NOT NULL, change_id TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS changes(
  government_key TEXT NOT NULL, change_id TEXT NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL,
  created_at TEXT NOT NULL, PRIMARY KEY(government_key, change_id));
)SQL";

PlanHead read_head(const Statement& s) {
    return {s.text(0), s.text(1), s.text(2), s.text(3), static_cast<int>(s.integer(4)), s.text(5), s.text(6)};
}
constexpr const char* kHeadColumns = "id, owner_key, title, status, revision, created_at, updated_at";

Revision read_revision(const Statement& s, bool with_document) {
    Revision r;
    r.plan_id = s.text(0);
    r.revision = static_cast<int>(s.integer(1));
    r.status = s.text(2);
    if (with_document) r.document = s.text(3);
    r.findings = s.text(4);
    r.errors = static_cast<int>(s.integer(5));
    r.warnings = static_cast<int>(s.integer(6));
    r.author = s.text(7);
    r.change_id = s.text(8);
    r.changed = s.text(9);
    r.created_at = s.text(10);
    return r;
}
constexpr const char* kRevisionColumns =
    "plan_id, revision, status, document, findings, errors, warnings, author_key, change_id, changed, created_at";

std::optional<PlanHead> load_head(Database& db, const std::string& plan_id) {
    Statement s = db.prepare(std::string("SELECT ") + kHeadColumns + " FROM plans WHERE id = ?");
    s.bind(1, plan_id);
    if (!s.step()) return std::nullopt;
    return read_head(s);
}

std::optional<Revision> load_revision(Database& db, const std::string& plan_id, int revision) {
    Statement s = db.prepare(std::string("SELECT ") + kRevisionColumns +
                             " FROM revisions WHERE plan_id = ? AND revision = ?");
    s.bind(1, plan_id).bind(2, revision);
    if (!s.step()) return std::nullopt;
    return read_revision(s, true);
}

bool reader_allowed(Database& db, const Caller& caller, const PlanHead& head) {
    if (caller.agency || caller.key == head.owner) return true;
    Statement s = db.prepare("SELECT 1 FROM plan_readers WHERE plan_id = ? AND government_key = ?");
    s.bind(1, head.id).bind(2, caller.key);
    return s.step();
}

}  // namespace

std::string now_utc() {
    using namespace std::chrono;
    const auto now = system_clock::now();
    const std::time_t seconds = system_clock::to_time_t(now);
    const auto millis = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
    char out[40];
    std::snprintf(out, sizeof out, "%s.%03dZ", text, static_cast<int>(millis));
    return out;
}

// [SECTION] Tx

std::optional<PlanHead> Tx::head(const std::string& plan_id) { return load_head(db_, plan_id); }

std::optional<Revision> Tx::revision(const std::string& plan_id, int revision) {
    return load_revision(db_, plan_id, revision);
}

bool Tx::can_read(const Caller& caller, const PlanHead& head) { return reader_allowed(db_, caller, head); }

void Tx::create_plan(const PlanHead& h) {
    db_.prepare("INSERT INTO plans(id, owner_key, title, status, revision, created_at, updated_at) VALUES(?,?,?,?,?,?,?)")
        .bind(1, h.id).bind(2, h.owner).bind(3, h.title).bind(4, h.status).bind(5, h.revision)
        .bind(6, h.created_at).bind(7, h.updated_at).run();
}

void Tx::update_plan(const PlanHead& h) {
    db_.prepare("UPDATE plans SET owner_key = ?, title = ?, status = ?, revision = ?, updated_at = ? WHERE id = ?")
        .bind(1, h.owner).bind(2, h.title).bind(3, h.status).bind(4, h.revision).bind(5, h.updated_at).bind(6, h.id).run();
}

void Tx::add_revision(const Revision& r) {
    db_.prepare(std::string("INSERT INTO revisions(") + kRevisionColumns + ") VALUES(?,?,?,?,?,?,?,?,?,?,?)")
        .bind(1, r.plan_id).bind(2, r.revision).bind(3, r.status).bind(4, r.document).bind(5, r.findings)
        .bind(6, r.errors).bind(7, r.warnings).bind(8, r.author).bind(9, r.change_id).bind(10, r.changed)
        .bind(11, r.created_at).run();
}

void Tx::set_readers(const std::string& plan_id, const std::vector<std::string>& keys) {
    db_.prepare("DELETE FROM plan_readers WHERE plan_id = ?").bind(1, plan_id).run();
    for (const auto& key : keys)
        db_.prepare("INSERT OR IGNORE INTO plan_readers(plan_id, government_key) VALUES(?, ?)").bind(1, plan_id).bind(2, key).run();
}

void Tx::add_conflict(const ConflictCopy& c) {
    db_.prepare("INSERT INTO conflicts(plan_id, base_revision, server_revision, document, author_key, change_id, created_at) "
                "VALUES(?,?,?,?,?,?,?)")
        .bind(1, c.plan_id).bind(2, c.base_revision).bind(3, c.server_revision).bind(4, c.document).bind(5, c.author)
        .bind(6, c.change_id).bind(7, c.created_at).run();
}

// [SECTION] Store

Store::Store(const std::string& path, Sync sync) : db_(path) {
    db_.exec("PRAGMA journal_mode=WAL");
    // FULL: a commit is on disk before the answer goes out (survives power loss too);
    // NORMAL: survives a killed process, may lose the last commits on power loss.
    db_.exec(sync == Sync::full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
    db_.exec("PRAGMA foreign_keys=ON");
    db_.exec(kSchema);
    Statement version = db_.prepare("SELECT value FROM meta WHERE key = 'schema_version'");
    if (version.step()) {
        const int found = std::stoi(version.text(0));
        if (found > kStoreSchemaVersion)
            throw DatabaseError("database " + path + " has schema version " + std::to_string(found) +
                                ", newer than this server (" + std::to_string(kStoreSchemaVersion) + ")");
    } else {
        db_.prepare("INSERT INTO meta(key, value) VALUES('schema_version', ?)").bind(1, std::to_string(kStoreSchemaVersion)).run();
    }
}

void Store::add_government(const std::string& key, const std::string& name, bool agency) {
    std::lock_guard lock(mutex_);
    db_.prepare("INSERT INTO governments(key, name, role, created_at) VALUES(?,?,?,?) "
                "ON CONFLICT(key) DO UPDATE SET name = excluded.name, role = excluded.role")
        .bind(1, key).bind(2, name).bind(3, agency ? "agency" : "government").bind(4, now_utc()).run();
}

std::string Store::issue_token(const std::string& key) {
    std::lock_guard lock(mutex_);
    Statement exists = db_.prepare("SELECT 1 FROM governments WHERE key = ?");
    exists.bind(1, key);
    if (!exists.step()) throw DatabaseError("no local government with key '" + key + "'");
    const std::string token = new_token();
    db_.prepare("INSERT INTO tokens(hash, government_key, created_at) VALUES(?,?,?)")
        .bind(1, hash_token(token)).bind(2, key).bind(3, now_utc()).run();
    return token;
}

std::optional<Caller> Store::authenticate(const std::string& token) {
    if (token.empty() || token.size() > 200) return std::nullopt;
    const std::string hash = hash_token(token);
    std::lock_guard lock(mutex_);
    Statement s = db_.prepare("SELECT g.key, g.name, g.role FROM tokens t JOIN governments g ON g.key = t.government_key "
                              "WHERE t.hash = ?");
    s.bind(1, hash);
    if (!s.step()) return std::nullopt;
    return Caller{s.text(0), s.text(1), s.text(2) == "agency"};
}

std::optional<PlanHead> Store::head(const std::string& plan_id) {
    std::lock_guard lock(mutex_);
    return load_head(db_, plan_id);
}

bool Store::can_read(const Caller& caller, const PlanHead& head) {
    std::lock_guard lock(mutex_);
    return reader_allowed(db_, caller, head);
}

std::vector<PlanHead> Store::plans_for(const Caller& caller) {
    std::lock_guard lock(mutex_);
    std::vector<PlanHead> heads;
    Statement s = caller.agency
                      ? db_.prepare(std::string("SELECT ") + kHeadColumns + " FROM plans ORDER BY updated_at DESC")
                      : db_.prepare(std::string("SELECT ") + kHeadColumns +
                                    " FROM plans WHERE owner_key = ?1 OR id IN "
                                    "(SELECT plan_id FROM plan_readers WHERE government_key = ?1) ORDER BY updated_at DESC");
    if (!caller.agency) s.bind(1, caller.key);
    while (s.step()) heads.push_back(read_head(s));
    return heads;
}

std::optional<Revision> Store::revision(const std::string& plan_id, int revision) {
    std::lock_guard lock(mutex_);
    if (revision == 0) {
        const auto head = load_head(db_, plan_id);
        if (!head) return std::nullopt;
        revision = head->revision;
    }
    return load_revision(db_, plan_id, revision);
}

std::vector<Revision> Store::history(const std::string& plan_id) {
    std::lock_guard lock(mutex_);
    std::vector<Revision> list;
    Statement s = db_.prepare(std::string("SELECT ") + kRevisionColumns + " FROM revisions WHERE plan_id = ? ORDER BY revision");
    s.bind(1, plan_id);
    while (s.step()) list.push_back(read_revision(s, false));
    return list;
}

std::vector<ConflictCopy> Store::conflicts(const std::string& plan_id) {
    std::lock_guard lock(mutex_);
    std::vector<ConflictCopy> list;
    Statement s = db_.prepare("SELECT id, plan_id, base_revision, server_revision, document, author_key, change_id, created_at "
                              "FROM conflicts WHERE plan_id = ? ORDER BY id");
    s.bind(1, plan_id);
    while (s.step())
        list.push_back({static_cast<int>(s.integer(0)), s.text(1), static_cast<int>(s.integer(2)),
                        static_cast<int>(s.integer(3)), s.text(4), s.text(5), s.text(6), s.text(7)});
    return list;
}

std::vector<Revision> Store::current_revisions(bool include_drafts) {
    std::lock_guard lock(mutex_);
    std::vector<Revision> list;
    Statement s = db_.prepare(std::string("SELECT r.plan_id, r.revision, r.status, r.document, r.findings, r.errors, r.warnings, "
                                          "r.author_key, r.change_id, r.changed, r.created_at FROM plans p JOIN revisions r "
                                          "ON r.plan_id = p.id AND r.revision = p.revision ") +
                              (include_drafts ? "" : "WHERE p.status <> 'draft' ") + "ORDER BY p.id");
    while (s.step()) list.push_back(read_revision(s, true));
    return list;
}

std::string Store::integrity_check() {
    std::lock_guard lock(mutex_);
    Statement s = db_.prepare("PRAGMA integrity_check");
    std::string result;
    while (s.step()) result += s.text(0);
    return result;
}

Reply Store::change(const Caller& caller, const std::string& change_id, const std::function<Reply(Tx&)>& apply) {
    std::lock_guard lock(mutex_);
    Transaction transaction(db_);
    Statement seen = db_.prepare("SELECT status, body FROM changes WHERE government_key = ? AND change_id = ?");
    seen.bind(1, caller.key).bind(2, change_id);
    if (seen.step()) {
        return Reply{static_cast<int>(seen.integer(0)), nlohmann::json::parse(seen.text(1)), true};  // the transaction rolls back: nothing changes
    }
    Tx tx(db_);
    Reply reply = apply(tx);
    if (reply.status >= 500) return reply;
    db_.prepare("INSERT INTO changes(government_key, change_id, status, body, created_at) VALUES(?,?,?,?,?)")
        .bind(1, caller.key).bind(2, change_id).bind(3, reply.status).bind(4, reply.body.dump()).bind(5, now_utc()).run();
    transaction.commit();
    return reply;
}

}  // namespace samenleven::server
