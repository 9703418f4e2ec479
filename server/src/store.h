// The server's storage: local governments and their tokens, plans with every revision,
// conflict copies, and the responses to changes already applied (idempotency). SQLite in
// WAL mode; every change is one transaction that also records its response, so a change
// that was acknowledged is on disk and a resent change answers as the first time.
#pragma once
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "database.h"

namespace samenleven::server {

struct Caller {
    std::string key;   // government key (NIS code), or the agency's key
    std::string name;
    bool agency = false;
};

struct PlanHead {
    std::string id;
    std::string owner;      // government key of the applicant's lead
    std::string title;
    std::string status;     // draft, submitted, confirmed, reported
    int revision = 0;       // current revision
    std::string created_at;
    std::string updated_at;
};

struct Revision {
    std::string plan_id;
    int revision = 0;
    std::string status;
    std::string document;   // the plan as JSON text
    std::string findings;   // JSON array
    int errors = 0;
    int warnings = 0;
    std::string author;     // government key
    std::string change_id;
    std::string changed;    // JSON array of changed field paths
    std::string created_at;
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

std::string now_utc();  // 2026-11-25T10:57:21.123Z

// Operations available inside Store::change(), all within one transaction.
class Tx {
public:
    explicit Tx(Database& db) : db_(db) {}
    std::optional<PlanHead> head(const std::string& plan_id);
    std::optional<Revision> revision(const std::string& plan_id, int revision);
    bool can_read(const Caller& caller, const PlanHead& head);
    void create_plan(const PlanHead& head);
    void update_plan(const PlanHead& head);
    void add_revision(const Revision& revision);
    void set_readers(const std::string& plan_id, const std::vector<std::string>& keys);
    void add_conflict(const ConflictCopy& copy);

private:
    Database& db_;
};

class Store {
public:
    enum class Sync { normal, full };
    Store(const std::string& path, Sync sync = Sync::full);

    // Administration.
    void add_government(const std::string& key, const std::string& name, bool agency);
    std::string issue_token(const std::string& key);  // returns the token; only its hash is kept
    std::optional<Caller> authenticate(const std::string& token);

    // Reads.
    std::optional<PlanHead> head(const std::string& plan_id);
    bool can_read(const Caller& caller, const PlanHead& head);
    std::vector<PlanHead> plans_for(const Caller& caller);
    std::optional<Revision> revision(const std::string& plan_id, int revision);  // 0: current
    std::vector<Revision> history(const std::string& plan_id);                  // without documents
    std::vector<ConflictCopy> conflicts(const std::string& plan_id);
    std::vector<Revision> current_revisions(bool include_drafts);
    std::string integrity_check();

    // A change: runs `apply` in one transaction unless (caller, change_id) was seen before,
    // in which case the first answer is returned and nothing changes. Replies with a status
    // of 500 or more are not recorded (the transaction is rolled back).
    Reply change(const Caller& caller, const std::string& change_id, const std::function<Reply(Tx&)>& apply);

private:
    Database db_;
    std::mutex mutex_;
};

}  // namespace samenleven::server
