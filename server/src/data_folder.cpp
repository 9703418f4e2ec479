#include "data_folder.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "store.h"
#include "tokens.h"

namespace samenleven::server {

namespace fs = std::filesystem;

namespace {

constexpr const char* kSealHeader = "samenleven-seal 1";

// The seal's text: fixed width (commits in 20 digits), so that it is rewritten in place.
std::string seal_text(const DatabaseMark& mark) {
    char body[160];
    std::snprintf(body, sizeof body, "%s\ndatabase_id %s\ncommits %020" PRId64 "\n", kSealHeader, mark.database_id.c_str(),
                  mark.commits);
    return std::string(body) + "checksum " + blake2b_hex(body) + "\n";
}

}  // namespace

std::string seal_path_for(const std::string& database_path) {
    return (fs::path(database_path).parent_path() / "samenleven.seal").string();
}

// [SECTION] Seal

Seal::Seal(std::string path, bool durable) : path_(std::move(path)), durable_(durable) {}

Seal::~Seal() {
    if (fd_ >= 0) close(fd_);
}

void Seal::open_file() {
    if (fd_ >= 0) return;
    const bool existed = fs::exists(path_);
    fd_ = open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0)
        throw StoreError("Het zegel " + path_ + " kan niet geschreven worden (" + std::strerror(errno) +
                         "); controleer de rechten van de map.");
    if (!existed) {
        // The new file's name must survive a power loss too.
        const int dir = open(fs::path(path_).parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dir >= 0) {
            fsync(dir);
            close(dir);
        }
    }
}

std::optional<DatabaseMark> Seal::read() const {
    const int fd = open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) return std::nullopt;
        throw StoreError("Het zegel " + path_ + " kan niet gelezen worden (" + std::strerror(errno) + ").");
    }
    char buffer[512];
    const ssize_t n = pread(fd, buffer, sizeof buffer, 0);
    close(fd);
    const std::string text(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
    std::istringstream in(text);
    std::string header, key_id, id, key_commits, commits, key_sum, sum;
    std::getline(in, header);
    in >> key_id >> id >> key_commits >> commits >> key_sum >> sum;
    DatabaseMark mark;
    bool ok = header == kSealHeader && key_id == "database_id" && key_commits == "commits" && key_sum == "checksum" &&
              !commits.empty() && commits.find_first_not_of("0123456789") == std::string::npos && commits.size() <= 20;
    if (ok) {
        mark = {id, std::stoll(commits)};
        ok = seal_text(mark) == text.substr(0, seal_text(mark).size());
    }
    if (!ok)
        throw StoreError("Het zegel " + path_ +
                         " is beschadigd: de server weet niet meer welke database deze map hield en hoeveel wijzigingen "
                         "ze bevatte. Controleer de map (README, 'Back-up en herstel'); start met --accept-lost-changes "
                         "alleen als u aanvaardt wat de database nu bevat.");
    return mark;
}

void Seal::write(const DatabaseMark& mark) {
    open_file();
    const std::string text = seal_text(mark);
    if (pwrite(fd_, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size()) || ftruncate(fd_, static_cast<off_t>(text.size())) != 0 ||
        (durable_ && fdatasync(fd_) != 0))
        throw StoreError("Het zegel " + path_ + " kan niet geschreven worden (" + std::strerror(errno) + ").");
}

void Seal::advance(const DatabaseMark& mark) {
    open_file();
    // Administration commands may commit beside a running server: one process at a time.
    if (flock(fd_, LOCK_EX) != 0) throw StoreError("Het zegel " + path_ + " kan niet vergrendeld worden.");
    try {
        const auto current = read();
        if (!current || current->database_id != mark.database_id || current->commits < mark.commits) write(mark);
    } catch (...) {
        flock(fd_, LOCK_UN);
        throw;
    }
    flock(fd_, LOCK_UN);
}

// [SECTION] what is on disk

FoundDatabase inspect_database(const std::string& path) {
    FoundDatabase found;
    std::error_code error;
    found.exists = fs::exists(path, error);
    if (!found.exists) return found;
    found.size = fs::file_size(path, error);
    if (found.size == 0) return found;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        found.unreadable = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        return found;
    }
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT key, value FROM meta WHERE key IN ('database_id', 'commits')", -1, &s, nullptr) ==
        SQLITE_OK) {
        DatabaseMark mark;
        bool has_id = false;
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            const std::string key = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
            if (key == "database_id") {
                mark.database_id = reinterpret_cast<const char*>(sqlite3_column_text(s, 1));
                has_id = true;
            } else {
                mark.commits = sqlite3_column_int64(s, 1);
            }
        }
        if (rc != SQLITE_DONE) found.unreadable = sqlite3_errmsg(db);
        if (has_id) found.mark = mark;
    } else if (std::string(sqlite3_errmsg(db)).find("no such table") == std::string::npos) {
        found.unreadable = sqlite3_errmsg(db);  // not a database, or damaged
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    return found;
}

std::string compare_with_seal(const std::string& database_path, const FoundDatabase& found,
                              const std::optional<DatabaseMark>& seal) {
    const std::string name = database_path;
    if (!found.unreadable.empty()) return "De database " + name + " kan niet gelezen worden (" + found.unreadable + ").";
    if (found.exists && found.size == 0)
        return "De database " + name + " is een leeg bestand (0 bytes)" +
               (seal ? ", maar deze map hield een database met " + std::to_string(seal->commits) + " bevestigde vastleggingen."
                     : "; een database is nooit leeg. Verwijder het bestand als er nooit een database was.");
    if (!seal) return {};
    const std::string held = "deze map hield database " + seal->database_id + " met " + std::to_string(seal->commits) +
                             " bevestigde vastleggingen (commits; " + seal_path_for(database_path) + ")";
    if (!found.exists) return "De database " + name + " ontbreekt, maar " + held + ".";
    if (!found.mark) return "De database " + name + " is niet die van deze server (ze heeft geen identiteit), maar " + held + ".";
    if (found.mark->database_id != seal->database_id)
        return "De database " + name + " is een andere (" + found.mark->database_id + ") dan " + held +
               ". Gebruik 'restore' om een back-up terug te zetten.";
    if (found.mark->commits < seal->commits)
        return "De database " + name + " bevat " + std::to_string(seal->commits - found.mark->commits) +
               " vastleggingen minder dan de server bevestigde: ze houdt er " + std::to_string(found.mark->commits) +
               ", maar " + held + ". Het WAL-bestand (" + name + "-wal) is verwijderd of beschadigd, of een oudere kopie werd "
               "teruggezet. Zet het ontbrekende bestand terug als dat kan, of een back-up met 'restore'.";
    return {};
}

// [SECTION] FolderLock

namespace {
int lock_fd(const std::string& path, int flags, const std::string& doing, const std::string& dir) {
    const int fd = open(path.c_str(), flags | O_CLOEXEC, 0600);
    if (fd < 0)
        throw std::runtime_error("kan niet " + doing + ": De database-map " + dir + " kan niet beschreven worden (" +
                                 std::strerror(errno) + "); controleer haar rechten");
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        close(fd);
        throw std::runtime_error("kan niet " + doing + ": een server gebruikt de map " + dir + " al (" + path +
                                 " is vergrendeld); stop die eerst");
    }
    return fd;
}
}  // namespace

FolderLock::FolderLock(const std::string& dir, const std::string& database_path, const char* doing)
    : dir_(dir), database_path_(database_path), doing_(doing) {
    dir_fd_ = lock_fd(dir, O_RDONLY | O_DIRECTORY, doing_, dir_);
    try {
        file_fd_ = lock_fd((fs::path(dir) / "server.lock").string(), O_RDWR | O_CREAT, doing_, dir_);
        lock_database();
    } catch (...) {
        if (file_fd_ >= 0) close(file_fd_);
        close(dir_fd_);
        throw;
    }
}

void FolderLock::lock_database() {
    if (database_fd_ >= 0 || !fs::exists(database_path_)) return;
    // SQLite's own locks are POSIX record locks, which flock() does not touch; this descriptor
    // stays open until the end (closing one would drop SQLite's record locks of the process).
    database_fd_ = lock_fd(database_path_, O_RDONLY, doing_, dir_);
}

FolderLock::~FolderLock() {
    if (file_fd_ >= 0) close(file_fd_);
    if (dir_fd_ >= 0) close(dir_fd_);
    // database_fd_ is left open on purpose (see lock_database); the process's end releases it.
}

}  // namespace samenleven::server
