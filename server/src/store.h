// The server's storage: local governments and their tokens, plans with every revision,
// conflict copies, and the responses to changes already applied (idempotency). SQLite in
// WAL mode; every change is one transaction that also records its response, so a change
// that was acknowledged is on disk and a resent change answers as the first time.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "data_folder.h"
#include "database.h"
#include "samenleven/plan_status.h"
#include "totals.h"

namespace samenleven::server {

using samenleven::PlanStatus;

struct Caller {
    std::string key;   // government key (NIS code), or the agency's key
    std::string name;
    bool agency = false;
};

struct PlanHead {
    std::string id;
    std::string owner;      // government key of the applicant's lead
    std::string title;
    PlanStatus status = PlanStatus::draft;
    int revision = 0;       // current revision
    std::string created_at;
    std::string updated_at;
    std::string remark;     // the agency's latest remark when it sent the plan back; cleared on submit
    std::string updated_by; // name of the current revision's author (read, not stored in plans)
};

struct Revision {
    std::string plan_id;
    int revision = 0;
    PlanStatus status = PlanStatus::draft;
    std::string document;   // the plan as JSON text
    std::string findings;   // JSON array
    int errors = 0;
    int warnings = 0;
    std::string author;     // government key
    std::string change_id;
    std::string changed;    // JSON array of changed field paths
    std::string created_at;
    std::string remark;     // the agency's remark when this revision sent the plan back; else empty
    std::string author_name;  // the author's government name (read, not stored in revisions)
};

// A plan as listed: its head and its current revision (with the document).
struct ListedPlan {
    PlanHead head;
    Revision current;
};

// A plan's stored totals (totals.h) for one year and objective, with what the agency's
// overview shows of the plan.
struct CurrentTotals {
    std::string id;
    std::string title;
    PlanStatus status = PlanStatus::draft;
    std::string header;  // read_header(): call and applicant
    std::string slice;   // add_slice(); empty when the plan has none for that year and objective
};

struct ConflictCopy {
    int id = 0;
    std::string plan_id;
    int base_revision = 0;
    int server_revision = 0;
    std::string document;
    std::string author;
    std::string change_id;
    std::string created_at;
};

// An HTTP-shaped answer, stored with the change that produced it.
struct Reply {
    int status = 200;
    nlohmann::json body;
    bool replayed = false;  // the stored answer to a change seen before
};

// A government's stored bytes (revisions and conflict copies it wrote) against its quota.
struct Usage {
    std::int64_t used_bytes = 0;
    std::int64_t quota_bytes = 0;
};

std::string now_utc();  // 2026-11-25T10:57:21.123Z

// Plan views in replies are built, and stored with their change, without the plan and its
// findings, which the revision holds: such a view ({id, revision, ...}, at the top of a reply
// or under "current") carries `"stored_view": true` and is filled in before it is sent.
constexpr const char* kStoredView = "stored_view";

// Operations available inside Store::change(), all within one transaction.
class Tx {
public:
    Tx(Database& db, const Caller& caller, std::int64_t quota_bytes) : db_(db), caller_(caller), quota_bytes_(quota_bytes) {}
    std::optional<PlanHead> head(const std::string& plan_id);
    std::optional<Revision> revision(const std::string& plan_id, int revision);
    bool can_read(const Caller& caller, const PlanHead& head);
    void create_plan(const PlanHead& head);
    void update_plan(const PlanHead& head);
    // Adds the plan's new current revision and its stored totals: `totals` (plan_totals() of its
    // plan), or computed from the document when not given. `same_plan_as`: the revision whose
    // plan this one repeats (a status step), whose stored totals then carry over.
    void add_revision(const Revision& revision, const PlanTotals* totals = nullptr, int same_plan_as = 0);
    void set_readers(const std::string& plan_id, const std::vector<std::string>& keys);
    void add_conflict(const ConflictCopy& copy);

private:
    // Counts stored bytes against the author's quota; throws QuotaExceeded past it
    // (the agency has none).
    void charge(const std::string& author, std::size_t bytes);

    Database& db_;
    const Caller& caller_;
    std::int64_t quota_bytes_;
};

class Store {
public:
    enum class Sync { normal, full };
    static constexpr std::size_t kMaxIdleReaders = 32;  // read connections kept open between reads
    // The file descriptors the store may hold with `concurrent_reads` reads at a time: the
    // writer's and every reader's database and WAL files, and the shared memory file.
    static constexpr std::size_t descriptors_needed(std::size_t concurrent_reads) {
        return 2 * (1 + kMaxIdleReaders + concurrent_reads) + 1;
    }
    // Opens (or creates) the database and brings its schema up to date. Throws StoreError,
    // with a message for the operator, when it cannot be opened, or when it holds less than
    // its folder's seal says it held (data_folder.h: a damaged or deleted WAL, an emptied or
    // replaced database file); `accept_lost_changes` then opens it anyway and seals what it
    // holds now. Nothing is created before that check.
    Store(const std::string& path, Sync sync = Sync::full, bool accept_lost_changes = false);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // Before serving: a quick integrity check and a test write. Throws StoreError naming
    // the problem (damaged pages, a read-only folder or file).
    void check_ready();
    void set_quota(std::int64_t bytes) { quota_bytes_ = bytes; }

    // Administration.
    void add_government(const std::string& key, const std::string& name, bool agency);
    std::string issue_token(const std::string& key);  // returns the token; only its hash is kept
    std::optional<Caller> authenticate(const std::string& token);
    bool revoke_token(const std::string& token);        // false: no such token
    int revoke_tokens_of(const std::string& key);       // all tokens of a government; how many
    Usage usage(const std::string& key);
    // Whether the government made a change under this change_id (the demo seed's progress).
    bool has_change(const std::string& key, const std::string& change_id);

    // Reads.
    std::optional<PlanHead> head(const std::string& plan_id);
    bool can_read(const Caller& caller, const PlanHead& head);
    // The caller's plans (agency: all) with their current revisions, newest change first.
    std::vector<ListedPlan> plans_for(const Caller& caller);
    std::optional<Revision> revision(const std::string& plan_id, int revision);  // 0: current
    std::vector<Revision> history(const std::string& plan_id);                  // without documents
    std::vector<ConflictCopy> conflicts(const std::string& plan_id);
    std::vector<Revision> current_revisions(bool include_drafts);
    // Every plan's stored totals for its current revision (drafts only when asked), by id, with
    // the slice of `year` (0: all) and `objective` (0: all); computed from the document for a
    // plan whose totals are missing or of another revision.
    std::vector<CurrentTotals> current_totals(bool include_drafts, int year, int objective);
    std::string integrity_check();
    // The `check` command: whether the database in `dir` is whole and holds what its seal
    // says, read without creating or changing anything. "ok", or what is wrong (Dutch).
    static std::string check_folder(const std::string& dir);
    // Fills every view marked kStoredView in a reply with its revision's plan and findings.
    void fill_views(nlohmann::json& body);
    // A consistent copy of the live database in one self-contained file (SQLite's online
    // backup), checked before it is moved into place.
    void backup_to(const std::string& file);
    // Replaces this database's content with a checked backup's, in one transaction, and
    // seals the folder with it. Returns the database's mark before and after.
    std::pair<DatabaseMark, DatabaseMark> restore_from(const std::string& file);
    // The database's identity and commits so far.
    DatabaseMark mark();

    // A change: runs `apply` on the writer thread, in its own savepoint of a transaction that
    // may hold other changes waiting at the same time (group commit), and returns once that
    // transaction is committed; unless (caller, change_id) was seen before. Seen with the same
    // request (`request_digest`): the first answer, and nothing changes; seen with another
    // request: 422 change_id_reused. Replies with a status of 500 or more are not recorded
    // (the savepoint is rolled back), nor is 507 quota_exceeded. A replayed answer comes with
    // its views filled in (kStoredView).
    Reply change(const Caller& caller, const std::string& change_id, const std::string& request_digest,
                 const std::function<Reply(Tx&)>& apply);

private:
    // Reads run on connections of their own, taken from a pool (WAL lets them read while a
    // change commits); changes and administration share one connection under mutex_.
    class Reader {
    public:
        Reader(Store& store, std::unique_ptr<Database> db) : store_(store), db_(std::move(db)) {}
        Reader(Reader&&) = default;
        ~Reader();
        Database& db() { return *db_; }

    private:
        Store& store_;
        std::unique_ptr<Database> db_;
    };
    Reader read();

    struct PendingChange;
    void write_changes();  // the writer thread
    Reply apply_change(const PendingChange& change, bool& keep);
    // In a write transaction of db_: counts one more commit; returns the count.
    std::int64_t count_commit();
    // After that transaction's commit: the seal holds it before the commit is acknowledged.
    void seal(std::int64_t commits);
    // One administration write (its own transaction, counted and sealed), under mutex_.
    template <class Write>
    auto administer(Write&& write);

    std::string path_;
    Seal seal_;
    bool reseal_ = false;  // the seal is written anew after opening (none yet, or lost changes accepted)
    Database db_;
    std::string database_id_;
    std::int64_t quota_bytes_ = std::int64_t(256) << 20;
    std::mutex mutex_;  // db_: the writer thread, administration, backup
    std::mutex readers_mutex_;
    std::vector<std::unique_ptr<Database>> idle_readers_;
    std::mutex queue_mutex_;
    std::condition_variable queue_ready_;
    std::condition_variable changes_done_;
    std::vector<PendingChange*> queue_;
    bool stopping_ = false;
    std::thread writer_;  // last: started when everything else is ready
};

// The database cannot be opened, is damaged, or cannot be written.
class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace samenleven::server
