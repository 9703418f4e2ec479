// What the server knows of its data folder, kept where a damaged, emptied or replaced
// database or WAL cannot erase it: the database's identity and how many commits it held at
// least (the seal, DIR/samenleven.seal, written after every commit and before the commit is
// acknowledged), and the locks that keep a second server or a restore out of a folder in use.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace samenleven::server {

// A database's identity and its count of commits (meta keys database_id, commits).
struct DatabaseMark {
    std::string database_id;
    std::int64_t commits = 0;
};

// The seal of a data folder: the mark of its database as of the last acknowledged commit.
class Seal {
public:
    // `durable`: each write reaches the disk before it returns (fdatasync).
    Seal(std::string path, bool durable);
    ~Seal();
    Seal(const Seal&) = delete;
    Seal& operator=(const Seal&) = delete;

    const std::string& path() const { return path_; }
    // The seal's mark; nullopt when there is no seal. Throws StoreError when it is damaged.
    std::optional<DatabaseMark> read() const;
    // Replaces the seal.
    void write(const DatabaseMark& mark);
    // After a commit: the seal holds `mark` unless it already holds as many commits of that
    // database (another process, an administration command, may have written more).
    void advance(const DatabaseMark& mark);

private:
    void open_file();
    std::string path_;
    bool durable_;
    int fd_ = -1;
};

// The seal's file beside a database file: DIR/samenleven.seal for DIR/samenleven.sqlite3.
std::string seal_path_for(const std::string& database_path);

// The mark of the database at `path` as found on disk, read without changing anything (a
// read-only connection: a damaged WAL is left as it is, nothing is checkpointed or created).
struct FoundDatabase {
    bool exists = false;
    std::uintmax_t size = 0;
    std::optional<DatabaseMark> mark;  // nullopt: no identity (empty, of an older server, not ours)
    std::string unreadable;            // why it could not be read, else empty
};
FoundDatabase inspect_database(const std::string& path);

// Compares what is found with the seal. Empty when the database is at least what the seal
// says (or there is no seal and nothing to lose); else the reason, in Dutch, for the operator.
std::string compare_with_seal(const std::string& database_path, const FoundDatabase& found,
                              const std::optional<DatabaseMark>& seal);

// Exclusive hold of a data folder while serving or restoring: advisory locks (flock) on the
// folder itself, on DIR/server.lock and on the database file, so that deleting or replacing
// any one of them does not let a second server or a restore in. Released when destroyed
// (or when the process ends).
class FolderLock {
public:
    // Throws std::runtime_error with a Dutch message naming what holds the folder.
    FolderLock(const std::string& dir, const std::string& database_path, const char* doing);
    ~FolderLock();
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;
    // Locks the database file too once it exists (a new database is created after the lock).
    void lock_database();

private:
    std::string dir_, database_path_, doing_;
    int dir_fd_ = -1, file_fd_ = -1, database_fd_ = -1;
};

}  // namespace samenleven::server
