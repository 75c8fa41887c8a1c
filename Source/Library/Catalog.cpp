#include "Library/Catalog.h"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <array>
#include <cstdlib>
#include <set>

namespace moodboard::library
{
namespace
{
// Version 2 added the content hash, the year and ReplayGain; a version 1 catalog gains those
// columns when it is opened (see migrate) and keeps every row.
constexpr int schemaVersion = 2;

constexpr const char* schema = R"sql(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tracks (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    file_size INTEGER NOT NULL,
    modified_time INTEGER NOT NULL,
    title TEXT NOT NULL,
    artist TEXT NOT NULL,
    album TEXT NOT NULL,
    genre TEXT NOT NULL,
    isrc TEXT NOT NULL,
    features TEXT NOT NULL,
    analysis_version INTEGER NOT NULL,
    error TEXT NOT NULL,
    content_hash TEXT NOT NULL DEFAULT '',
    year INTEGER NOT NULL DEFAULT 0,
    replaygain_track_gain REAL,
    replaygain_track_peak REAL,
    replaygain_album_gain REAL,
    replaygain_album_peak REAL
);
)sql";

/** Columns added after version 1, with their definitions, in the order of the schema above. */
constexpr std::array<std::pair<const char*, const char*>, 6> addedColumns { {
    { "content_hash", "TEXT NOT NULL DEFAULT ''" },
    { "year", "INTEGER NOT NULL DEFAULT 0" },
    { "replaygain_track_gain", "REAL" },
    { "replaygain_track_peak", "REAL" },
    { "replaygain_album_gain", "REAL" },
    { "replaygain_album_peak", "REAL" },
} };

constexpr const char* trackColumns =
    "id, path, file_size, modified_time, title, artist, album, genre, isrc, features, "
    "analysis_version, error, content_hash, year, replaygain_track_gain, replaygain_track_peak, "
    "replaygain_album_gain, replaygain_album_peak";

/** Owns a prepared statement for the length of one call. */
class Statement final
{
public:
    Statement (sqlite3* db, const char* sql)
    {
        if (sqlite3_prepare_v2 (db, sql, -1, &stmt, nullptr) != SQLITE_OK)
            stmt = nullptr;
    }

    ~Statement() { sqlite3_finalize (stmt); }

    Statement (const Statement&) = delete;
    Statement& operator= (const Statement&) = delete;

    [[nodiscard]] bool isValid() const { return stmt != nullptr; }
    [[nodiscard]] sqlite3_stmt* get() const { return stmt; }

    void bind (int index, const std::string& text)
    {
        sqlite3_bind_text (stmt, index, text.c_str(), (int) text.size(), SQLITE_TRANSIENT);
    }

    void bind (int index, std::int64_t value) { sqlite3_bind_int64 (stmt, index, value); }

    void bind (int index, const std::optional<double>& value)
    {
        if (value)
            sqlite3_bind_double (stmt, index, *value);
        else
            sqlite3_bind_null (stmt, index);
    }

    [[nodiscard]] std::optional<double> optionalReal (int column) const
    {
        if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
            return std::nullopt;
        return sqlite3_column_double (stmt, column);
    }

    [[nodiscard]] std::string text (int column) const
    {
        const auto* chars = sqlite3_column_text (stmt, column);
        return chars != nullptr ? std::string (reinterpret_cast<const char*> (chars))
                                : std::string();
    }

private:
    sqlite3_stmt* stmt = nullptr;
};

Track readTrack (const Statement& s)
{
    Track t;
    auto* stmt = s.get();
    t.id = sqlite3_column_int64 (stmt, 0);
    t.path = s.text (1);
    t.fileSize = sqlite3_column_int64 (stmt, 2);
    t.modifiedTime = sqlite3_column_int64 (stmt, 3);
    t.title = s.text (4);
    t.artist = s.text (5);
    t.album = s.text (6);
    t.genre = s.text (7);
    t.isrc = s.text (8);

    // A row whose feature text does not parse keeps its identity but counts as not analysed,
    // so the next scan analyses the file again instead of the catalog failing to load.
    try
    {
        t.features = nlohmann::json::parse (s.text (9)).get<audio::Features>();
        t.analysisVersion = (int) sqlite3_column_int64 (stmt, 10);
    }
    catch (const nlohmann::json::exception&)
    {
        t.analysisVersion = 0;
    }

    t.error = s.text (11);
    t.contentHash = s.text (12);
    t.year = (int) sqlite3_column_int64 (stmt, 13);
    t.replayGain.trackGainDb = s.optionalReal (14);
    t.replayGain.trackPeak = s.optionalReal (15);
    t.replayGain.albumGainDb = s.optionalReal (16);
    t.replayGain.albumPeak = s.optionalReal (17);
    return t;
}

/** Binds every stored field of a track, path first, to parameters 1 to 17. */
void bindTrack (Statement& s, const Track& track)
{
    s.bind (1, track.path);
    s.bind (2, track.fileSize);
    s.bind (3, track.modifiedTime);
    s.bind (4, track.title);
    s.bind (5, track.artist);
    s.bind (6, track.album);
    s.bind (7, track.genre);
    s.bind (8, track.isrc);
    s.bind (9, nlohmann::json (track.features).dump());
    s.bind (10, (std::int64_t) track.analysisVersion);
    s.bind (11, track.error);
    s.bind (12, track.contentHash);
    s.bind (13, (std::int64_t) track.year);
    s.bind (14, track.replayGain.trackGainDb);
    s.bind (15, track.replayGain.trackPeak);
    s.bind (16, track.replayGain.albumGainDb);
    s.bind (17, track.replayGain.albumPeak);
}

constexpr const char* assignments =
    "path = ?1, file_size = ?2, modified_time = ?3, title = ?4, artist = ?5, album = ?6, "
    "genre = ?7, isrc = ?8, features = ?9, analysis_version = ?10, error = ?11, "
    "content_hash = ?12, year = ?13, replaygain_track_gain = ?14, replaygain_track_peak = ?15, "
    "replaygain_album_gain = ?16, replaygain_album_peak = ?17";
} // namespace

struct Catalog::Database
{
    sqlite3* handle = nullptr;

    ~Database() { sqlite3_close (handle); }

    [[nodiscard]] std::string lastError() const { return sqlite3_errmsg (handle); }

    bool exec (const char* sql) const
    {
        return sqlite3_exec (handle, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
    }

    /** Adds the columns a version 1 catalog lacks, all in one transaction, and records the
        new version; on failure nothing changes. */
    bool migrate() const
    {
        std::set<std::string> existing;
        {
            Statement info (handle, "PRAGMA table_info(tracks)");
            while (info.isValid() && sqlite3_step (info.get()) == SQLITE_ROW)
                existing.insert (info.text (1));
        }

        if (! exec ("BEGIN IMMEDIATE"))
            return false;

        for (const auto& [name, definition] : addedColumns)
        {
            if (existing.contains (name))
                continue;

            std::string sql ("ALTER TABLE tracks ADD COLUMN ");
            sql += std::string (name) + " " + definition;
            if (! exec (sql.c_str()))
            {
                exec ("ROLLBACK");
                return false;
            }
        }

        std::string version ("INSERT OR REPLACE INTO meta (key, value) "
                             "VALUES ('schema_version', '");
        version += std::to_string (schemaVersion);
        version += "')";
        if (! exec (version.c_str()) || ! exec ("COMMIT"))
        {
            exec ("ROLLBACK");
            return false;
        }

        return true;
    }

    void bumpGeneration() const
    {
        exec ("INSERT INTO meta (key, value) VALUES ('generation', '1') ON CONFLICT(key) "
              "DO UPDATE SET value = CAST(value AS INTEGER) + 1");
    }
};

Catalog::Catalog (std::filesystem::path f, std::unique_ptr<Database> d)
    : file (std::move (f)), db (std::move (d))
{
}

Catalog::~Catalog() = default;

Expected<std::unique_ptr<Catalog>> Catalog::open (const std::filesystem::path& file)
{
    std::error_code ec;
    std::filesystem::create_directories (file.parent_path(), ec);

    auto db = std::make_unique<Database>();
    const auto name = file.string();

    if (sqlite3_open_v2 (name.c_str(), &db->handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                         nullptr)
        != SQLITE_OK)
        return makeError (Error::Kind::io, "cannot open the catalog " + name + ": "
                                               + db->lastError()
                                               + ". Check that the folder is writable.");

    sqlite3_busy_timeout (db->handle, 5000);

    // The first statement that reads the file tells whether it is a database at all.
    if (! db->exec ("PRAGMA journal_mode=WAL") || ! db->exec ("PRAGMA synchronous=NORMAL")
        || ! db->exec (schema))
        return makeError (Error::Kind::corrupt,
                          "the catalog " + name + " is damaged (" + db->lastError()
                              + "). It was left untouched: move it aside and run `moodboard scan` "
                                "to build a new one.");

    int storedVersion = 0;
    {
        Statement version (db->handle, "SELECT value FROM meta WHERE key = 'schema_version'");
        if (version.isValid() && sqlite3_step (version.get()) == SQLITE_ROW)
            storedVersion = (int) std::strtol (version.text (0).c_str(), nullptr, 10);
    }

    if (storedVersion > schemaVersion)
        return makeError (Error::Kind::unsupported,
                          "the catalog " + name
                              + " was written by a newer Music Moodboard; update the program");

    if (storedVersion < schemaVersion && ! db->migrate())
        return makeError (Error::Kind::io,
                          "cannot update the catalog " + name + " to the new format ("
                              + db->lastError()
                              + "). It was left as it was; check that the file and its folder "
                                "are writable and that no other program holds it.");

    return std::unique_ptr<Catalog> (new Catalog (file, std::move (db)));
}

Expected<std::int64_t> Catalog::store (const Track& track)
{
    std::lock_guard lock (mutex);
    auto id = storeLocked (track);
    if (id)
        db->bumpGeneration();
    return id;
}

Expected<int> Catalog::storeMany (const std::vector<Track>& tracks)
{
    std::lock_guard lock (mutex);
    db->exec ("BEGIN");

    for (const auto& track : tracks)
        if (auto id = storeLocked (track); ! id)
        {
            db->exec ("ROLLBACK");
            return std::unexpected (id.error());
        }

    db->bumpGeneration();
    if (! db->exec ("COMMIT"))
        return makeError (Error::Kind::io, "cannot write to the catalog: " + db->lastError());
    return (int) tracks.size();
}

Expected<std::int64_t> Catalog::storeLocked (const Track& track)
{
    const auto sql = std::string ("INSERT INTO tracks (path, file_size, modified_time, title, "
                                  "artist, album, genre, isrc, features, analysis_version, error, "
                                  "content_hash, year, replaygain_track_gain, "
                                  "replaygain_track_peak, replaygain_album_gain, "
                                  "replaygain_album_peak) "
                                  "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,"
                                  "?17) ON CONFLICT(path) DO UPDATE SET ")
                    + assignments + " RETURNING id";
    Statement s (db->handle, sql.c_str());

    if (! s.isValid())
        return makeError (Error::Kind::io, "cannot write to the catalog: " + db->lastError());

    bindTrack (s, track);

    if (sqlite3_step (s.get()) != SQLITE_ROW)
        return makeError (Error::Kind::io, "cannot write to the catalog: " + db->lastError());

    const auto id = sqlite3_column_int64 (s.get(), 0);
    sqlite3_reset (s.get());
    return id;
}

Expected<int> Catalog::updateMany (const std::vector<Track>& tracks)
{
    std::lock_guard lock (mutex);

    if (tracks.empty())
        return 0;

    const auto sql = std::string ("UPDATE tracks SET ") + assignments + " WHERE id = ?18";
    Statement s (db->handle, sql.c_str());

    if (! s.isValid() || ! db->exec ("BEGIN"))
        return makeError (Error::Kind::io, "cannot write to the catalog: " + db->lastError());

    for (const auto& track : tracks)
    {
        sqlite3_reset (s.get());
        bindTrack (s, track);
        s.bind (18, track.id);

        const bool done = sqlite3_step (s.get()) == SQLITE_DONE;

        if (! done || sqlite3_changes (db->handle) != 1)
        {
            const auto reason = done ? "no track has id " + std::to_string (track.id)
                                     : db->lastError();
            sqlite3_reset (s.get());
            db->exec ("ROLLBACK");
            return makeError (Error::Kind::io,
                              "cannot update the catalog for " + track.path + ": " + reason);
        }
    }

    db->bumpGeneration();

    if (! db->exec ("COMMIT"))
    {
        db->exec ("ROLLBACK");
        return makeError (Error::Kind::io, "cannot write to the catalog: " + db->lastError());
    }

    return (int) tracks.size();
}

Expected<int> Catalog::forget (const std::vector<std::string>& paths)
{
    std::lock_guard lock (mutex);
    int removed = 0;
    db->exec ("BEGIN");

    for (const auto& path : paths)
    {
        Statement s (db->handle, "DELETE FROM tracks WHERE path = ?");
        s.bind (1, path);

        if (sqlite3_step (s.get()) != SQLITE_DONE)
        {
            db->exec ("ROLLBACK");
            return makeError (Error::Kind::io, "cannot update the catalog: " + db->lastError());
        }

        removed += sqlite3_changes (db->handle);
    }

    if (removed > 0)
        db->bumpGeneration();

    db->exec ("COMMIT");
    return removed;
}

std::optional<Track> Catalog::findByPath (const std::string& path) const
{
    std::lock_guard lock (mutex);
    const auto sql = std::string ("SELECT ") + trackColumns + " FROM tracks WHERE path = ?";
    Statement s (db->handle, sql.c_str());
    s.bind (1, path);

    if (s.isValid() && sqlite3_step (s.get()) == SQLITE_ROW)
        return readTrack (s);

    return std::nullopt;
}

std::optional<Track> Catalog::findById (std::int64_t id) const
{
    std::lock_guard lock (mutex);
    const auto sql = std::string ("SELECT ") + trackColumns + " FROM tracks WHERE id = ?";
    Statement s (db->handle, sql.c_str());
    s.bind (1, id);

    if (s.isValid() && sqlite3_step (s.get()) == SQLITE_ROW)
        return readTrack (s);

    return std::nullopt;
}

std::vector<Track> Catalog::getAllTracks() const
{
    std::lock_guard lock (mutex);
    const auto sql = std::string ("SELECT ") + trackColumns + " FROM tracks ORDER BY path";
    Statement s (db->handle, sql.c_str());
    std::vector<Track> tracks;

    while (s.isValid() && sqlite3_step (s.get()) == SQLITE_ROW)
        tracks.push_back (readTrack (s));

    return tracks;
}

std::vector<Track> Catalog::getTracksUnder (const std::filesystem::path& folder) const
{
    auto prefix = folder.lexically_normal().string();

    if (prefix.empty() || prefix.back() != '/')
        prefix += '/';

    std::vector<Track> under;

    for (auto& track : getAllTracks())
        if (track.path.starts_with (prefix))
            under.push_back (std::move (track));

    return under;
}

int Catalog::getNumTracks() const
{
    std::lock_guard lock (mutex);
    // The same test as Track::isAnalysed.
    Statement s (db->handle,
                 "SELECT COUNT(*) FROM tracks WHERE error = '' AND analysis_version > 0");
    return s.isValid() && sqlite3_step (s.get()) == SQLITE_ROW ? sqlite3_column_int (s.get(), 0)
                                                               : 0;
}

std::vector<Track> Catalog::getUnreadableFiles() const
{
    std::lock_guard lock (mutex);
    const auto sql = std::string ("SELECT ") + trackColumns
                     + " FROM tracks WHERE error <> '' ORDER BY path";
    Statement s (db->handle, sql.c_str());
    std::vector<Track> rows;

    while (s.isValid() && sqlite3_step (s.get()) == SQLITE_ROW)
        rows.push_back (readTrack (s));

    return rows;
}

std::int64_t Catalog::getGeneration() const
{
    std::lock_guard lock (mutex);
    Statement s (db->handle, "SELECT value FROM meta WHERE key = 'generation'");

    if (s.isValid() && sqlite3_step (s.get()) == SQLITE_ROW)
        return std::strtoll (s.text (0).c_str(), nullptr, 10);

    return 0;
}

} // namespace moodboard::library
