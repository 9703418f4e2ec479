// A thin RAII layer over SQLite's C API: a connection, prepared statements, transactions.
// Errors become DatabaseError with SQLite's message. A connection keeps each statement it
// prepared and hands it out again (reset) the next time the same SQL is asked for; a
// statement still in use is not shared (a fresh one is prepared).
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace samenleven::server {

class DatabaseError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Statement;

class Database {
public:
    explicit Database(const std::string& path);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void exec(const char* sql);
    Statement prepare(std::string_view sql);
    sqlite3* handle() { return db_; }

private:
    struct Cached {
        sqlite3_stmt* stmt = nullptr;
        bool in_use = false;
    };
    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, std::unique_ptr<Cached>> cache_;
    friend class Statement;
};

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);  // not cached
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind_null(int index);
    Statement& bind_blob(int index, std::string_view bytes);

    bool step();   // true while a row is available
    void run();    // steps to completion
    std::string text(int column) const;
    std::int64_t integer(int column) const;
    // The column's bytes as stored (a BLOB), valid until the next step or reset.
    std::string_view blob(int column) const;
    bool is_null(int column) const;

private:
    friend class Database;
    Statement(sqlite3* db, sqlite3_stmt* stmt, bool* in_use) : db_(db), stmt_(stmt), in_use_(in_use) {}
    sqlite3* db_ = nullptr;
    sqlite3_stmt* stmt_ = nullptr;
    bool* in_use_ = nullptr;  // cached: reset and given back instead of finalized
};

// BEGIN IMMEDIATE ... COMMIT, rolled back when leaving by exception.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    void commit();

private:
    Database& db_;
    bool done_ = false;
};

}  // namespace samenleven::server
