#include "Spotify/PushJournal.h"

#include "Auth/Pkce.h"
#include "Core/AtomicFile.h"
#include "Core/Log.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

namespace moodboard::spotify
{
namespace
{
using nlohmann::json;
namespace fs = std::filesystem;

std::int64_t now()
{
    return std::chrono::duration_cast<std::chrono::seconds> (
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

PushRecord::Stage stageFrom (const std::string& name)
{
    if (name == "adding")
        return PushRecord::Stage::adding;
    if (name == "finishing")
        return PushRecord::Stage::finishing;
    if (name == "done")
        return PushRecord::Stage::done;
    return PushRecord::Stage::creating;
}

Expected<PushRecord> readRecord (const fs::path& file)
{
    std::ifstream in (file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    const auto parsed = json::parse (text.str(), nullptr, false);
    if (!in || parsed.is_discarded() || !parsed.is_object() || !parsed.contains ("plan"))
        return makeError (Error::Kind::corrupt,
                          "the record of an earlier push is damaged: " + file.string() +
                              "; move it away to push this playlist again");
    PushRecord record;
    record.plan = parsed["plan"].get<PushPlan>();
    record.planDigest = parsed.value ("planDigest", "");
    record.pushId = parsed.value ("pushId", "");
    record.playlistId = parsed.value ("playlistId", "");
    record.playlistUri = parsed.value ("playlistUri", "");
    record.added =
        std::clamp (parsed.value ("added", 0), 0, static_cast<int> (record.plan.uris.size()));
    record.stage = stageFrom (parsed.value ("stage", "creating"));
    record.startedAt = parsed.value ("startedAt", std::int64_t{0});
    // A record whose plan no longer matches the digest the user confirmed is not carried on.
    if (record.planDigest != record.plan.digest())
        return makeError (Error::Kind::corrupt,
                          "the record of an earlier push is damaged (its tracks no longer match "
                          "what was confirmed): " +
                              file.string() + "; remove it with `moodboard push --drop \"" +
                              record.plan.name + "\"` and send the playlist again");
    record.updatedAt = parsed.value ("updatedAt", std::int64_t{0});
    return record;
}
} // namespace

std::string stageName (PushRecord::Stage stage)
{
    switch (stage)
    {
        case PushRecord::Stage::adding:
            return "adding";
        case PushRecord::Stage::finishing:
            return "finishing";
        case PushRecord::Stage::done:
            return "done";
        case PushRecord::Stage::creating:
            break;
    }
    return "creating";
}

PushJournal::PushJournal (fs::path chosen)
    : folder (std::move (chosen))
{
}

fs::path PushJournal::fileFor (const std::string& playlistName) const
{
    return folder / (auth::sha256Hex (playlistName).substr (0, 32) + ".json");
}

Expected<void> PushJournal::save (PushRecord& record)
{
    std::error_code error;
    fs::create_directories (folder, error);
    if (error)
        return makeError (Error::Kind::io, "cannot create " + folder.string() + ": " +
                                               error.message() +
                                               "; check the folder's permissions");

    record.updatedAt = now();
    if (record.startedAt == 0)
        record.startedAt = record.updatedAt;
    const json out{{"plan", record.plan},
                   {"planDigest", record.planDigest},
                   {"pushId", record.pushId},
                   {"playlistId", record.playlistId},
                   {"playlistUri", record.playlistUri},
                   {"added", record.added},
                   {"stage", stageName (record.stage)},
                   {"startedAt", record.startedAt},
                   {"updatedAt", record.updatedAt}};
    return writeFileAtomically (fileFor (record.plan.name), out.dump (1));
}

Expected<bool> PushJournal::remove (const std::string& playlistName)
{
    std::error_code error;
    const auto removed = fs::remove (fileFor (playlistName), error);
    if (error)
        return makeError (Error::Kind::io, "cannot remove the record of \"" + playlistName +
                                               "\": " + error.message());
    return removed;
}

Expected<std::optional<PushRecord>> PushJournal::find (const std::string& playlistName) const
{
    const auto file = fileFor (playlistName);
    if (!fs::exists (file))
        return std::optional<PushRecord>();
    auto record = readRecord (file);
    if (!record)
        return std::unexpected (record.error());
    return std::optional (std::move (*record));
}

Expected<std::optional<std::string>>
PushJournal::sentPlaylistId (const std::string& playlistName) const
{
    auto record = find (playlistName);
    if (!record)
        return std::unexpected (record.error());
    if (!*record || (*record)->stage != PushRecord::Stage::done || (*record)->playlistId.empty())
        return std::optional<std::string>();
    return std::optional ((*record)->playlistId);
}

std::vector<PushRecord> PushJournal::unfinished (std::vector<std::string>* problems) const
{
    std::vector<PushRecord> records;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator (folder, error))
    {
        if (entry.path().extension() != ".json")
            continue;
        auto record = readRecord (entry.path());
        if (!record)
        {
            log::warning ("spotify", record.error().message);
            if (problems != nullptr)
                problems->push_back (record.error().message);
        }
        else if (record->stage != PushRecord::Stage::done)
            records.push_back (std::move (*record));
    }
    std::sort (records.begin(), records.end(),
               [] (const auto& a, const auto& b) { return a.startedAt < b.startedAt; });
    return records;
}

} // namespace moodboard::spotify
