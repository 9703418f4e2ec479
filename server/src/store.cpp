#include "store.h"

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>

#include "samenleven/plan_json.h"
#include "tokens.h"
#include "totals.h"

namespace samenleven::server {

namespace {

constexpr int kStoreSchemaVersion = 4;

const char* const kSchema = R"SQL(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS governments(
  key TEXT PRIMARY KEY, name TEXT NOT NULL,
  role TEXT NOT NULL CHECK(role IN ('government', 'agency')), created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tokens(
  hash TEXT PRIMARY KEY, government_key TEXT NOT NULL REFERENCES governments(key), created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS plans(
  id TEXT PRIMARY KEY, owner_key TEXT NOT NULL, title TEXT NOT NULL, status TEXT NOT NULL,
  revision INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, remark TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS plans_owner ON plans(owner_key);
CREATE TABLE IF NOT EXISTS plan_readers(
  plan_id TEXT NOT NULL REFERENCES plans(id), government_key TEXT NOT NULL,
  PRIMARY KEY(plan_id, government_key));
CREATE INDEX IF NOT EXISTS plan_readers_key ON plan_readers(government_key);
CREATE TABLE IF NOT EXISTS revisions(
  plan_id TEXT NOT NULL REFERENCES plans(id), revision INTEGER NOT NULL, status TEXT NOT NULL,
  document TEXT NOT NULL, findings TEXT NOT NULL, errors INTEGER NOT NULL, warnings INTEGER NOT NULL,
  author_key TEXT NOT NULL, change_id TEXT NOT NULL, changed TEXT NOT NULL, created_at TEXT NOT NULL,
  remark TEXT NOT NULL DEFAULT '', PRIMARY KEY(plan_id, revision));
CREATE TABLE IF NOT EXISTS conflicts(
  id INTEGER PRIMARY KEY AUTOINCREMENT, plan_id TEXT NOT NULL REFERENCES plans(id),
  base_revision INTEGER NOT NULL, server_revision INTEGER NOT NULL, document TEXT NOT NULL,
  author_key TEXT NOT NULL, change_id TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS changes(
  government_key TEXT NOT NULL, change_id TEXT NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL,
  created_at TEXT NOT NULL, request_hash TEXT NOT NULL DEFAULT '', PRIMARY KEY(government_key, change_id));
CREATE TABLE IF NOT EXISTS usage(government_key TEXT PRIMARY KEY, bytes INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS plan_totals(
  year INTEGER NOT NULL, plan_id TEXT NOT NULL REFERENCES plans(id), revision INTEGER NOT NULL,
  header BLOB NOT NULL, slices BLOB NOT NULL, UNIQUE(year, plan_id));
)SQL";

// Version 1 -> 2: changes remember a digest of their request; stored bytes per government.
const char* const kMigrateTo2 = R"SQL(
ALTER TABLE changes ADD COLUMN request_hash TEXT NOT NULL DEFAULT '';
INSERT INTO usage(government_key, bytes)
  SELECT author_key, SUM(bytes) FROM (
    SELECT author_key, length(CAST(document AS BLOB)) + length(CAST(findings AS BLOB)) AS bytes FROM revisions
    UNION ALL SELECT author_key, length(CAST(document AS BLOB)) FROM conflicts)
  GROUP BY author_key;
UPDATE meta SET value = '2' WHERE key = 'schema_version';
)SQL";

// Version 2 -> 3: the agency's remark when it sends a plan back, with that revision and
// (the latest one) on the plan.
const char* const kMigrateTo3 = R"SQL(
ALTER TABLE revisions ADD COLUMN remark TEXT NOT NULL DEFAULT '';
ALTER TABLE plans ADD COLUMN remark TEXT NOT NULL DEFAULT '';
UPDATE meta SET value = '3' WHERE key = 'schema_version';
)SQL";

// Version 3 -> 4: each current revision's totals beside it (plan_totals, created by kSchema:
// per plan and year the revision they are of, the call and applicant, and the aggregate per
// objective; totals.h), so that the agency's aggregate is a sum of stored numbers. The totals
// of the existing current revisions are computed right after the migrations, by
// refresh_totals(): a database without a totals fingerprint has none.
const char* const kMigrateTo4 = R"SQL(
UPDATE meta SET value = '4' WHERE key = 'schema_version';
)SQL";

// Thrown inside a change when the author's stored bytes would pass the quota.
struct QuotaExceeded {
    std::int64_t used = 0;
    std::int64_t quota = 0;
};

std::string megabytes(std::int64_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", static_cast<double>(bytes) / (1024.0 * 1024.0));
    std::string out = text;
    for (char& c : out)
        if (c == '.') c = ',';
    return out + " MB";
}

PlanStatus read_status(const std::string& code) {
    const auto status = parse_status(code);
    if (!status) throw DatabaseError("unknown plan status '" + code + "' in the database");
    return *status;
}

PlanHead read_head(const Statement& s) {
    PlanHead h;
    h.id = s.text(0);
    h.owner = s.text(1);
    h.title = s.text(2);
    h.status = read_status(s.text(3));
    h.revision = static_cast<int>(s.integer(4));
    h.created_at = s.text(5);
    h.updated_at = s.text(6);
    h.remark = s.text(7);
    h.updated_by = s.text(8);
    return h;
}
// Revisions (as `r`) with their author's name (the key when the name is unknown):
// "SELECT " + kRevisionFields + " FROM revisions r" (or a join with it) + kRevisionAuthor.
constexpr const char* kRevisionColumns =
    "plan_id, revision, status, document, findings, errors, warnings, author_key, change_id, changed, created_at, remark";
constexpr const char* kRevisionFields =
    "r.plan_id, r.revision, r.status, r.document, r.findings, r.errors, r.warnings, r.author_key, r.change_id, "
    "r.changed, r.created_at, r.remark, COALESCE(g.name, r.author_key)";
constexpr const char* kRevisionAuthor = " LEFT JOIN governments g ON g.key = r.author_key";

// Heads (as `p`) with the name of their current revision's (`r`) author:
// "SELECT " + kHeadFields + kHeadFrom.
constexpr const char* kHeadFields =
    "p.id, p.owner_key, p.title, p.status, p.revision, p.created_at, p.updated_at, p.remark, "
    "COALESCE(g.name, r.author_key, '')";
const std::string kHeadFrom =
    std::string(" FROM plans p LEFT JOIN revisions r ON r.plan_id = p.id AND r.revision = p.revision") + kRevisionAuthor;
constexpr int kHeadFieldCount = 9;

// `first`: the revision's first column in the row (after the head's, in a list).
Revision read_revision(const Statement& s, bool with_document, int first = 0) {
    Revision r;
    r.plan_id = s.text(first + 0);
    r.revision = static_cast<int>(s.integer(first + 1));
    r.status = read_status(s.text(first + 2));
    if (with_document) r.document = s.text(first + 3);
    r.findings = s.text(first + 4);
    r.errors = static_cast<int>(s.integer(first + 5));
    r.warnings = static_cast<int>(s.integer(first + 6));
    r.author = s.text(first + 7);
    r.change_id = s.text(first + 8);
    r.changed = s.text(first + 9);
    r.created_at = s.text(first + 10);
    r.remark = s.text(first + 11);
    r.author_name = s.text(first + 12);
    return r;
}

std::optional<PlanHead> load_head(Database& db, const std::string& plan_id) {
    Statement s = db.prepare(std::string("SELECT ") + kHeadFields + kHeadFrom + " WHERE p.id = ?");
    s.bind(1, plan_id);
    if (!s.step()) return std::nullopt;
    return read_head(s);
}

std::optional<Revision> load_revision(Database& db, const std::string& plan_id, int revision) {
    Statement s = db.prepare(std::string("SELECT ") + kRevisionFields + " FROM revisions r" + kRevisionAuthor +
                             " WHERE r.plan_id = ? AND r.revision = ?");
    s.bind(1, plan_id).bind(2, revision);
    if (!s.step()) return std::nullopt;
    return read_revision(s, true);
}

void fill_view(Database& db, nlohmann::json& view) {
    if (!view.is_object() || !view.value(kStoredView, false)) return;
    view.erase(kStoredView);
    const auto revision = load_revision(db, view.at("id").get<std::string>(), view.at("revision").get<int>());
    if (!revision) return;
    view["plan"] = nlohmann::json::parse(revision->document);
    view["findings"] = nlohmann::json::parse(revision->findings);
}

void fill_reply(Database& db, nlohmann::json& body) {
    fill_view(db, body);
    if (body.is_object() && body.contains("current")) fill_view(db, body["current"]);
}

bool reader_allowed(Database& db, const Caller& caller, const PlanHead& head) {
    if (caller.agency || caller.key == head.owner) return true;
    Statement s = db.prepare("SELECT 1 FROM plan_readers WHERE plan_id = ? AND government_key = ?");
    s.bind(1, head.id).bind(2, caller.key);
    return s.step();
}

// A plan's stored totals (totals.h) for its current revision, written in the transaction that
// writes the revision: a row per year of totals_years(), found by (year, plan). A plan's rows
// are written together and then updated in place, so that a write changes a page or two.
void write_totals(Database& db, const std::string& plan_id, int revision, const PlanTotals& totals) {
    for (const YearTotals& year : totals.years)
        db.prepare("INSERT INTO plan_totals(year, plan_id, revision, header, slices) VALUES(?,?,?,?,?) "
                   "ON CONFLICT(year, plan_id) DO UPDATE SET revision = excluded.revision, header = excluded.header, "
                   "slices = excluded.slices")
            .bind(1, year.year).bind(2, plan_id).bind(3, revision).bind_blob(4, totals.header).bind_blob(5, year.slices).run();
}

// A revision whose plan is the previous revision's (a status step): its totals carry over.
// False when the previous revision has no stored totals (they are then computed).
bool carry_totals(Database& db, const std::string& plan_id, int from_revision, int to_revision) {
    int carried = 0;
    for (int year : totals_years()) {
        db.prepare("UPDATE plan_totals SET revision = ? WHERE year = ? AND plan_id = ? AND revision = ?")
            .bind(1, to_revision).bind(2, year).bind(3, plan_id).bind(4, from_revision).run();
        carried += sqlite3_changes(db.handle());
    }
    return carried == static_cast<int>(totals_years().size());
}

PlanTotals totals_of_document(const std::string& document) {
    return plan_totals(read_stored_plan(nlohmann::json::parse(document)).plan);
}

// Computes every current revision's totals again when the stored fingerprint differs from
// this build's (a migration from version 3, another catalogue, another format or rules).
void refresh_totals(Database& db) {
    const std::string fingerprint = totals_fingerprint();
    Statement stored = db.prepare("SELECT value FROM meta WHERE key = 'totals_fingerprint'");
    if (stored.step() && stored.text(0) == fingerprint) return;
    db.exec("DELETE FROM plan_totals");
    Statement s = db.prepare("SELECT p.id, p.revision, r.document FROM plans p "
                             "JOIN revisions r ON r.plan_id = p.id AND r.revision = p.revision");
    while (s.step()) {
        const std::string id = s.text(0);
        try {
            write_totals(db, id, static_cast<int>(s.integer(1)), totals_of_document(s.text(2)));
        } catch (const DatabaseError&) {
            throw;
        } catch (const std::exception& e) {
            // Left without totals: the aggregate reads this plan's document (and meets the
            // same problem there, as it did before totals were stored).
            std::fprintf(stderr, "%s plan %s: no stored totals (%s)\n", now_utc().c_str(), id.c_str(), e.what());
        }
    }
    db.prepare("INSERT INTO meta(key, value) VALUES('totals_fingerprint', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(1, fingerprint).run();
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
    db_.prepare("INSERT INTO plans(id, owner_key, title, status, revision, created_at, updated_at, remark) "
                "VALUES(?,?,?,?,?,?,?,?)")
        .bind(1, h.id).bind(2, h.owner).bind(3, h.title).bind(4, status_code(h.status)).bind(5, h.revision)
        .bind(6, h.created_at).bind(7, h.updated_at).bind(8, h.remark).run();
}

void Tx::update_plan(const PlanHead& h) {
    db_.prepare("UPDATE plans SET owner_key = ?, title = ?, status = ?, revision = ?, updated_at = ?, remark = ? WHERE id = ?")
        .bind(1, h.owner).bind(2, h.title).bind(3, status_code(h.status)).bind(4, h.revision).bind(5, h.updated_at)
        .bind(6, h.remark).bind(7, h.id).run();
}

void Tx::charge(const std::string& author, std::size_t bytes) {
    Statement s = db_.prepare("INSERT INTO usage(government_key, bytes) VALUES(?1, ?2) "
                              "ON CONFLICT(government_key) DO UPDATE SET bytes = bytes + ?2 RETURNING bytes");
    s.bind(1, author).bind(2, static_cast<std::int64_t>(bytes));
    const std::int64_t used = s.step() ? s.integer(0) : 0;
    s.run();
    if (!caller_.agency && author == caller_.key && used > quota_bytes_) throw QuotaExceeded{used, quota_bytes_};
}

void Tx::add_revision(const Revision& r, const PlanTotals* totals, int same_plan_as) {
    charge(r.author, r.document.size() + r.findings.size());
    db_.prepare(std::string("INSERT INTO revisions(") + kRevisionColumns + ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?)")
        .bind(1, r.plan_id).bind(2, r.revision).bind(3, status_code(r.status)).bind(4, r.document).bind(5, r.findings)
        .bind(6, r.errors).bind(7, r.warnings).bind(8, r.author).bind(9, r.change_id).bind(10, r.changed)
        .bind(11, r.created_at).bind(12, r.remark).run();
    if (same_plan_as > 0 && carry_totals(db_, r.plan_id, same_plan_as, r.revision)) return;
    write_totals(db_, r.plan_id, r.revision, totals ? *totals : totals_of_document(r.document));
}

void Tx::set_readers(const std::string& plan_id, const std::vector<std::string>& keys) {
    db_.prepare("DELETE FROM plan_readers WHERE plan_id = ?").bind(1, plan_id).run();
    for (const auto& key : keys)
        db_.prepare("INSERT OR IGNORE INTO plan_readers(plan_id, government_key) VALUES(?, ?)").bind(1, plan_id).bind(2, key).run();
}

void Tx::add_conflict(const ConflictCopy& c) {
    charge(c.author, c.document.size());
    db_.prepare("INSERT INTO conflicts(plan_id, base_revision, server_revision, document, author_key, change_id, created_at) "
                "VALUES(?,?,?,?,?,?,?)")
        .bind(1, c.plan_id).bind(2, c.base_revision).bind(3, c.server_revision).bind(4, c.document).bind(5, c.author)
        .bind(6, c.change_id).bind(7, c.created_at).run();
}

// [SECTION] Store

namespace {

// Before anything is opened for writing: what is on disk against the folder's seal. Returns
// the path to open; throws StoreError with the reason unless `accept_lost`. `reseal`: the
// seal is written anew after opening (there is none yet, or a loss was accepted).
const std::string& checked_before_opening(const std::string& path, const Seal& seal, bool accept_lost, bool& reseal) {
    std::optional<DatabaseMark> sealed;
    try {
        sealed = seal.read();
    } catch (const StoreError&) {
        if (!accept_lost) throw;
    }
    const FoundDatabase found = inspect_database(path);
    const std::string problem = compare_with_seal(path, found, sealed);
    reseal = !sealed || !problem.empty();
    if (problem.empty()) return path;
    if (!accept_lost)
        throw StoreError(problem + " De server start niet op minder dan wat ze bevestigde; start met --accept-lost-changes "
                                   "alleen als u aanvaardt dat de ontbrekende wijzigingen verloren zijn.");
    std::fprintf(stderr, "%s --accept-lost-changes: %s De server gaat verder met wat de database nu bevat.\n", now_utc().c_str(),
                 problem.c_str());
    return path;
}

Database open_database(const std::string& path) {
    try {
        return Database(path);
    } catch (const DatabaseError& e) {
        throw StoreError("De database " + path + " kan niet geopend worden (" + e.what() +
                         "). Controleer de map en haar rechten.");
    }
}

// The database and its WAL files are the server's alone (mode 0600).
void restrict_permissions(const std::string& path) {
    namespace fs = std::filesystem;
    for (const std::string& file : {path, path + "-wal", path + "-shm"}) {
        std::error_code ignored;
        if (fs::exists(file, ignored))
            fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace, ignored);
    }
}
}  // namespace

Store::Store(const std::string& path, Sync sync, bool accept_lost_changes)
    : path_(path),
      seal_(seal_path_for(path), sync == Sync::full),
      db_(open_database(checked_before_opening(path_, seal_, accept_lost_changes, reseal_))) {
    std::int64_t commits = 0;
    try {
        db_.exec("PRAGMA journal_mode=WAL");
        // FULL: a commit is on disk before the answer goes out (survives power loss too);
        // NORMAL: survives a killed process, may lose the last commits on power loss.
        db_.exec(sync == Sync::full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
        db_.exec("PRAGMA foreign_keys=ON");
        Transaction transaction(db_);
        db_.exec(kSchema);
        Statement version = db_.prepare("SELECT value FROM meta WHERE key = 'schema_version'");
        if (version.step()) {
            const int found = std::stoi(version.text(0));
            if (found > kStoreSchemaVersion)
                throw StoreError("De database " + path + " heeft schemaversie " + std::to_string(found) +
                                 ", nieuwer dan deze server (" + std::to_string(kStoreSchemaVersion) + ").");
            if (found < 2) db_.exec(kMigrateTo2);
            if (found < 3) db_.exec(kMigrateTo3);
            if (found < 4) db_.exec(kMigrateTo4);
        } else {
            db_.prepare("INSERT INTO meta(key, value) VALUES('schema_version', ?)").bind(1, std::to_string(kStoreSchemaVersion)).run();
        }
        // The database's identity and its count of commits, which the seal keeps beside it
        // (a database of an older server gets them now).
        db_.prepare("INSERT INTO meta(key, value) VALUES('database_id', ?) ON CONFLICT(key) DO NOTHING").bind(1, new_id()).run();
        db_.exec("INSERT INTO meta(key, value) VALUES('commits', '0') ON CONFLICT(key) DO NOTHING");
        Statement id = db_.prepare("SELECT value FROM meta WHERE key = 'database_id'");
        if (id.step()) database_id_ = id.text(0);
        refresh_totals(db_);
        commits = count_commit();
        transaction.commit();
    } catch (const DatabaseError& e) {
        throw StoreError("De database " + path + " kan niet geopend worden (" + e.what() +
                         "). Is ze beschadigd, of is de map alleen-lezen? Zie README, 'Back-up en herstel'.");
    }
    if (reseal_)
        seal_.write({database_id_, commits});
    else
        seal(commits);
    restrict_permissions(path);
    writer_ = std::thread([this] { write_changes(); });
}

std::int64_t Store::count_commit() {
    Statement s = db_.prepare("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'commits' RETURNING value");
    const std::int64_t commits = s.step() ? s.integer(0) : 0;
    s.run();
    return commits;
}

void Store::seal(std::int64_t commits) { seal_.advance({database_id_, commits}); }

DatabaseMark Store::mark() {
    std::lock_guard lock(mutex_);
    Statement s = db_.prepare("SELECT value FROM meta WHERE key = 'commits'");
    return {database_id_, s.step() ? s.integer(0) : 0};
}

template <class Write>
auto Store::administer(Write&& write) {
    std::lock_guard lock(mutex_);
    Transaction transaction(db_);
    auto result = write();
    const std::int64_t commits = count_commit();
    transaction.commit();
    seal(commits);
    return result;
}

Store::Reader Store::read() {
    {
        std::lock_guard lock(readers_mutex_);
        if (!idle_readers_.empty()) {
            auto db = std::move(idle_readers_.back());
            idle_readers_.pop_back();
            return Reader(*this, std::move(db));
        }
    }
    auto db = std::make_unique<Database>(path_);
    db->exec("PRAGMA query_only=1");
    // Room for the pages the aggregate reads: a year's stored totals, about 3 KB per plan of
    // 12 KB (8 MiB: some 2,500 plans; more are read from the OS's cache).
    db->exec("PRAGMA cache_size=-8192");
    return Reader(*this, std::move(db));
}

Store::Reader::~Reader() {
    if (!db_) return;
    std::lock_guard lock(store_.readers_mutex_);
    if (store_.idle_readers_.size() < kMaxIdleReaders) store_.idle_readers_.push_back(std::move(db_));
}

void Store::check_ready() {
    std::lock_guard lock(mutex_);
    std::string result;
    try {
        Statement s = db_.prepare("PRAGMA quick_check");
        while (s.step()) result += (result.empty() ? "" : "; ") + s.text(0);
    } catch (const DatabaseError& e) {
        result = e.what();
    }
    if (result != "ok")
        throw StoreError("De database " + path_ + " is beschadigd (" + result.substr(0, 300) +
                         "). Start niet op een beschadigde database: herstel een back-up (README, 'Back-up en herstel').");
    try {
        Transaction transaction(db_);
        db_.prepare("INSERT INTO meta(key, value) VALUES('last_start', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .bind(1, now_utc()).run();
        const std::int64_t commits = count_commit();
        transaction.commit();
        seal(commits);
    } catch (const DatabaseError& e) {
        throw StoreError("De database " + path_ + " kan niet beschreven worden (" + e.what() +
                         "). Controleer de rechten van de map en het bestand, en de vrije schijfruimte.");
    }
}

void Store::add_government(const std::string& key, const std::string& name, bool agency) {
    administer([&] {
        db_.prepare("INSERT INTO governments(key, name, role, created_at) VALUES(?,?,?,?) "
                    "ON CONFLICT(key) DO UPDATE SET name = excluded.name, role = excluded.role")
            .bind(1, key).bind(2, name).bind(3, agency ? "agency" : "government").bind(4, now_utc()).run();
        return 0;
    });
}

std::string Store::issue_token(const std::string& key) {
    return administer([&] {
        Statement exists = db_.prepare("SELECT 1 FROM governments WHERE key = ?");
        exists.bind(1, key);
        if (!exists.step()) throw DatabaseError("no local government with key '" + key + "'");
        const std::string token = new_token();
        db_.prepare("INSERT INTO tokens(hash, government_key, created_at) VALUES(?,?,?)")
            .bind(1, blake2b_hex(token)).bind(2, key).bind(3, now_utc()).run();
        return token;
    });
}

std::optional<Caller> Store::authenticate(const std::string& token) {
    if (token.empty() || token.size() > 200) return std::nullopt;
    const std::string hash = blake2b_hex(token);
    Reader reader = read();
    Database& db = reader.db();
    Statement s = db.prepare("SELECT g.key, g.name, g.role FROM tokens t JOIN governments g ON g.key = t.government_key "
                              "WHERE t.hash = ?");
    s.bind(1, hash);
    if (!s.step()) return std::nullopt;
    return Caller{s.text(0), s.text(1), s.text(2) == "agency"};
}

bool Store::revoke_token(const std::string& token) {
    return administer([&] {
        db_.prepare("DELETE FROM tokens WHERE hash = ?").bind(1, blake2b_hex(token)).run();
        return sqlite3_changes(db_.handle()) > 0;
    });
}

int Store::revoke_tokens_of(const std::string& key) {
    return administer([&] {
        db_.prepare("DELETE FROM tokens WHERE government_key = ?").bind(1, key).run();
        return sqlite3_changes(db_.handle());
    });
}

Usage Store::usage(const std::string& key) {
    Reader reader = read();
    Database& db = reader.db();
    Statement s = db.prepare("SELECT bytes FROM usage WHERE government_key = ?");
    s.bind(1, key);
    return {s.step() ? s.integer(0) : 0, quota_bytes_};
}

bool Store::has_change(const std::string& key, const std::string& change_id) {
    Reader reader = read();
    Statement s = reader.db().prepare("SELECT 1 FROM changes WHERE government_key = ? AND change_id = ?");
    s.bind(1, key).bind(2, change_id);
    return s.step();
}

std::optional<PlanHead> Store::head(const std::string& plan_id) {
    Reader reader = read();
    Database& db = reader.db();
    return load_head(db, plan_id);
}

bool Store::can_read(const Caller& caller, const PlanHead& head) {
    Reader reader = read();
    Database& db = reader.db();
    return reader_allowed(db, caller, head);
}

std::vector<ListedPlan> Store::plans_for(const Caller& caller) {
    Reader reader = read();
    Database& db = reader.db();
    // One query: each head with its current revision and that revision's author's name.
    const std::string select = std::string("SELECT ") + kHeadFields + ", " + kRevisionFields + kHeadFrom + " ";
    Statement s = caller.agency
                      ? db.prepare(select + "ORDER BY p.updated_at DESC")
                      : db.prepare(select + "WHERE p.owner_key = ?1 OR p.id IN "
                                            "(SELECT plan_id FROM plan_readers WHERE government_key = ?1) ORDER BY p.updated_at DESC");
    if (!caller.agency) s.bind(1, caller.key);
    std::vector<ListedPlan> plans;
    while (s.step()) plans.push_back({read_head(s), read_revision(s, true, kHeadFieldCount)});
    return plans;
}

std::optional<Revision> Store::revision(const std::string& plan_id, int revision) {
    Reader reader = read();
    Database& db = reader.db();
    if (revision == 0) {
        const auto head = load_head(db, plan_id);
        if (!head) return std::nullopt;
        revision = head->revision;
    }
    return load_revision(db, plan_id, revision);
}

std::vector<Revision> Store::history(const std::string& plan_id) {
    Reader reader = read();
    Database& db = reader.db();
    std::vector<Revision> list;
    Statement s = db.prepare(std::string("SELECT ") + kRevisionFields + " FROM revisions r" + kRevisionAuthor +
                             " WHERE r.plan_id = ? ORDER BY r.revision");
    s.bind(1, plan_id);
    while (s.step()) list.push_back(read_revision(s, false));
    return list;
}

std::vector<ConflictCopy> Store::conflicts(const std::string& plan_id) {
    Reader reader = read();
    Database& db = reader.db();
    std::vector<ConflictCopy> list;
    Statement s = db.prepare("SELECT id, plan_id, base_revision, server_revision, document, author_key, change_id, created_at "
                              "FROM conflicts WHERE plan_id = ? ORDER BY id");
    s.bind(1, plan_id);
    while (s.step())
        list.push_back({static_cast<int>(s.integer(0)), s.text(1), static_cast<int>(s.integer(2)),
                        static_cast<int>(s.integer(3)), s.text(4), s.text(5), s.text(6), s.text(7)});
    return list;
}

std::vector<Revision> Store::current_revisions(bool include_drafts) {
    Reader reader = read();
    Database& db = reader.db();
    std::vector<Revision> list;
    Statement s = db.prepare(std::string("SELECT ") + kRevisionFields +
                              " FROM plans p JOIN revisions r ON r.plan_id = p.id AND r.revision = p.revision" +
                              kRevisionAuthor + " " +
                              (include_drafts ? "" : "WHERE p.status <> '" + std::string(status_code(PlanStatus::draft)) + "' ") +
                              "ORDER BY p.id");
    while (s.step()) list.push_back(read_revision(s, true));
    return list;
}

std::vector<CurrentTotals> Store::current_totals(bool include_drafts, int year, int objective) {
    Reader reader = read();
    Database& db = reader.db();
    std::vector<CurrentTotals> list;
    std::vector<std::pair<std::size_t, int>> missing;  // (index, revision): no totals of it in this format
    Statement s = db.prepare(std::string("SELECT p.id, p.title, p.status, p.revision, t.revision, t.header, t.slices FROM plans p "
                                         "LEFT JOIN plan_totals t ON t.plan_id = p.id AND t.year = ? ") +
                             (include_drafts ? "" : "WHERE p.status <> '" + std::string(status_code(PlanStatus::draft)) + "' ") +
                             "ORDER BY p.id");
    s.bind(1, year);
    while (s.step()) {
        CurrentTotals& item = list.emplace_back();
        item.id = s.text(0);
        item.title = s.text(1);
        item.status = read_status(s.text(2));
        const int revision = static_cast<int>(s.integer(3));
        if (s.is_null(4) || s.integer(4) != revision || !current_format(s.blob(5))) {
            missing.emplace_back(list.size() - 1, revision);
            continue;
        }
        item.header = s.blob(5);
        item.slice = find_slice(s.blob(6), objective);
    }
    for (const auto& [index, revision] : missing) {
        CurrentTotals& item = list[index];
        const auto current = load_revision(db, item.id, revision);
        if (!current) throw DatabaseError("plan " + item.id + " has no current revision");
        const PlanTotals totals = totals_of_document(current->document);
        item.header = totals.header;
        for (const YearTotals& y : totals.years)
            if (y.year == year) item.slice = find_slice(y.slices, objective);
    }
    return list;
}

void Store::fill_views(nlohmann::json& body) {
    Reader reader = read();
    Database& db = reader.db();
    fill_reply(db, body);
}

std::string Store::integrity_check() {
    std::lock_guard lock(mutex_);
    Statement s = db_.prepare("PRAGMA integrity_check");
    std::string result;
    while (s.step()) result += s.text(0);
    return result;
}

// Changes are applied by one writer thread, which takes every change waiting and commits
// them in one transaction (group commit: one fsync for all), each inside a savepoint of its
// own so that a refused or failed change leaves nothing behind. A change's answer goes out
// only after the commit that holds it.
struct Store::PendingChange {
    const Caller& caller;
    const std::string& change_id;
    const std::string& digest;
    const std::function<Reply(Tx&)>& apply;
    Reply reply;
    std::exception_ptr error;
    bool done = false;
};

Reply Store::change(const Caller& caller, const std::string& change_id, const std::string& request_digest,
                    const std::function<Reply(Tx&)>& apply) {
    PendingChange pending{caller, change_id, request_digest, apply, {}, nullptr, false};
    {
        std::unique_lock lock(queue_mutex_);
        queue_.push_back(&pending);
        queue_ready_.notify_one();
        changes_done_.wait(lock, [&] { return pending.done; });
    }
    if (pending.error) std::rethrow_exception(pending.error);
    return std::move(pending.reply);
}

void Store::write_changes() {
    for (;;) {
        std::vector<PendingChange*> batch;
        {
            std::unique_lock lock(queue_mutex_);
            queue_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;
            batch.swap(queue_);
        }
        {
            std::lock_guard lock(mutex_);
            try {
                Transaction transaction(db_);
                for (PendingChange* change : batch) {
                    db_.exec("SAVEPOINT change");
                    bool keep = false;
                    try {
                        change->reply = apply_change(*change, keep);
                    } catch (...) {
                        change->error = std::current_exception();
                    }
                    if (!keep) db_.exec("ROLLBACK TO change");
                    db_.exec("RELEASE change");
                }
                const std::int64_t commits = count_commit();
                transaction.commit();
                seal(commits);  // before any change of the batch is acknowledged
            } catch (...) {
                // Nothing of the batch was committed: no change in it is acknowledged.
                for (PendingChange* change : batch) change->error = std::current_exception();
            }
        }
        std::lock_guard lock(queue_mutex_);
        for (PendingChange* change : batch) change->done = true;
        changes_done_.notify_all();
    }
}

Reply Store::apply_change(const PendingChange& change, bool& keep) {
    keep = false;
    Statement seen = db_.prepare("SELECT status, body, request_hash FROM changes WHERE government_key = ? AND change_id = ?");
    seen.bind(1, change.caller.key).bind(2, change.change_id);
    if (seen.step()) {
        // Nothing changes.
        const std::string digest = seen.text(2);
        if (!digest.empty() && digest != change.digest)
            return Reply{422,
                         {{"error",
                           {{"code", "change_id_reused"},
                            {"message", "Deze change_id werd al gebruikt voor een andere wijziging; elke wijziging "
                                        "krijgt een eigen change_id."},
                            {"path", "change_id"}}}},
                         false};
        nlohmann::json body = nlohmann::json::parse(seen.text(1));
        fill_reply(db_, body);
        return Reply{static_cast<int>(seen.integer(0)), std::move(body), true};
    }
    Tx tx(db_, change.caller, quota_bytes_);
    Reply reply;
    try {
        reply = change.apply(tx);
    } catch (const QuotaExceeded& full) {
        return Reply{507,
                     {{"error",
                       {{"code", "quota_exceeded"},
                        {"message", "De opslag van dit bestuur op de server is vol (" + megabytes(full.used) + " van " +
                                        megabytes(full.quota) + "). Uw wijziging blijft op het toestel; neem contact op met ABB."}}}},
                     false};
    }
    if (reply.status >= 500) return reply;
    db_.prepare("INSERT INTO changes(government_key, change_id, status, body, created_at, request_hash) VALUES(?,?,?,?,?,?)")
        .bind(1, change.caller.key).bind(2, change.change_id).bind(3, reply.status).bind(4, reply.body.dump())
        .bind(5, now_utc()).bind(6, change.digest).run();
    keep = true;
    return reply;
}

Store::~Store() {
    {
        std::lock_guard lock(queue_mutex_);
        stopping_ = true;
    }
    queue_ready_.notify_all();
    if (writer_.joinable()) writer_.join();
    // A stop leaves the database in one file: the readers' connections close, then the WAL
    // is checkpointed into the database and truncated (SQLite removes it as the last
    // connection closes).
    {
        std::lock_guard lock(readers_mutex_);
        idle_readers_.clear();
    }
    std::lock_guard lock(mutex_);
    try {
        db_.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (const DatabaseError& e) {
        std::fprintf(stderr, "%s checkpoint at stop failed: %s\n", now_utc().c_str(), e.what());
    }
}

// [SECTION] backup and restore

namespace {

// Copies all of `from` into `to` with SQLite's online backup (one consistent snapshot).
void copy_database(sqlite3* from, sqlite3* to) {
    sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
    if (!backup) throw StoreError(std::string("Back-up kan niet starten: ") + sqlite3_errmsg(to));
    int rc = SQLITE_OK;
    do {
        rc = sqlite3_backup_step(backup, -1);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) throw StoreError(std::string("Back-up mislukt: ") + sqlite3_errstr(rc));
}

std::string check_file(Database& db) {
    Statement s = db.prepare("PRAGMA integrity_check");
    std::string result;
    while (s.step()) result += (result.empty() ? "" : "; ") + s.text(0);
    return result;
}

}  // namespace

void Store::backup_to(const std::string& file) {
    namespace fs = std::filesystem;
    const std::string temporary = file + ".tmp";
    fs::remove(temporary);
    {
        Database copy(temporary);
        {
            std::lock_guard lock(mutex_);
            copy_database(db_.handle(), copy.handle());
        }
        copy.exec("PRAGMA journal_mode=DELETE");  // one self-contained file
        const std::string result = check_file(copy);
        if (result != "ok") throw StoreError("De back-up is niet in orde (" + result.substr(0, 300) + ").");
    }
    fs::permissions(temporary, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
    fs::rename(temporary, file);
}

std::pair<DatabaseMark, DatabaseMark> Store::restore_from(const std::string& file) {
    if (!std::filesystem::exists(file)) throw StoreError("Back-up " + file + " bestaat niet.");
    Database backup(file);
    const std::string result = check_file(backup);
    if (result != "ok") throw StoreError("De back-up " + file + " is niet in orde (" + result.substr(0, 300) + ").");
    Statement version = backup.prepare("SELECT value FROM meta WHERE key = 'schema_version'");
    if (!version.step()) throw StoreError(file + " is geen back-up van deze server.");
    if (std::stoi(version.text(0)) > kStoreSchemaVersion)
        throw StoreError("De back-up " + file + " komt van een nieuwere server (schemaversie " + version.text(0) + ").");
    const DatabaseMark before = mark();
    std::lock_guard lock(mutex_);
    copy_database(backup.handle(), db_.handle());
    // The folder now holds the backup's database, of its identity and commits: sealed so,
    // explicitly (a restore is the operator's decision to go back to it).
    Transaction transaction(db_);
    db_.prepare("INSERT INTO meta(key, value) VALUES('database_id', ?) ON CONFLICT(key) DO NOTHING").bind(1, new_id()).run();
    db_.exec("INSERT INTO meta(key, value) VALUES('commits', '0') ON CONFLICT(key) DO NOTHING");
    Statement id = db_.prepare("SELECT value FROM meta WHERE key = 'database_id'");
    if (id.step()) database_id_ = id.text(0);
    const std::int64_t commits = count_commit();
    transaction.commit();
    seal_.write({database_id_, commits});
    return {before, {database_id_, commits}};
}

std::string Store::check_folder(const std::string& dir) {
    if (!std::filesystem::is_directory(dir)) return "De map " + dir + " bestaat niet.";
    const std::string path = (std::filesystem::path(dir) / "samenleven.sqlite3").string();
    std::optional<DatabaseMark> sealed;
    try {
        sealed = Seal(seal_path_for(path), false).read();
    } catch (const StoreError& e) {
        return e.what();
    }
    const FoundDatabase found = inspect_database(path);
    if (const std::string problem = compare_with_seal(path, found, sealed); !problem.empty()) return problem;
    if (!found.exists) return "De map " + dir + " bevat geen database (" + path + ").";
    sqlite3* db = nullptr;
    std::string result;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_busy_timeout(db, 5000);
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, nullptr) == SQLITE_OK)
            while (sqlite3_step(s) == SQLITE_ROW) result += (result.empty() ? "" : "; ") + std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
        else
            result = sqlite3_errmsg(db);
        sqlite3_finalize(s);
    } else {
        result = db ? sqlite3_errmsg(db) : "out of memory";
    }
    sqlite3_close(db);
    return result == "ok" ? result : "De database " + path + " is niet in orde: " + result.substr(0, 300);
}

}  // namespace samenleven::server
