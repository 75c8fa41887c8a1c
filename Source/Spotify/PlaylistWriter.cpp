#include "Spotify/PlaylistWriter.h"

#include "Auth/Pkce.h"
#include "Core/Log.h"

#include <algorithm>

namespace moodboard::spotify
{
namespace
{
constexpr int attemptsPerChunk = 3;

std::string referenceText (const std::string& pushId)
{
    std::string text = "(Music Moodboard ref ";
    text.append (pushId).push_back (')');
    return text;
}

// A write whose answer was lost may still have happened; a refusal or a long rate limit did not.
bool outcomeUnknown (const Error& error, const ApiProblem& problem)
{
    if (error.kind == Error::Kind::cancelled || problem.retryAfter)
        return false;
    return problem.status == 0 || problem.status >= 500 || error.kind == Error::Kind::corrupt;
}
} // namespace

PlaylistWriter::PlaylistWriter (SpotifyApi& client, PushJournal& records)
    : api (client)
    , journal (records)
{
}

Expected<PushResult> PlaylistWriter::push (const PushPlan& plan, PushConfirmation confirmation,
                                           const std::function<void (int, int)>& progress,
                                           const std::atomic<bool>* cancel)
{
    const auto digest = plan.digest();
    if (confirmation.getPlanDigest() != digest)
        return makeError (Error::Kind::invalidInput,
                          "this playlist was not the one confirmed; confirm it before sending");
    if (plan.name.empty() || plan.uris.empty())
        return makeError (Error::Kind::invalidInput,
                          "nothing to send: the playlist needs a name and at least one track "
                          "found on Spotify");

    for (const auto& uri : plan.uris)
        if (!(uri.starts_with ("spotify:track:") || uri.starts_with ("spotify:episode:")) ||
            !isSpotifyId (std::string_view (uri).substr (uri.rfind (':') + 1)))
            return makeError (Error::Kind::invalidInput,
                              "the playlist holds an item that is not a Spotify track (\"" +
                                  uri.substr (0, 60) + "\"); nothing was sent");

    auto previous = journal.find (plan.name);
    if (!previous)
        return std::unexpected (previous.error());

    PushResult result;
    PushRecord record;
    if (*previous && (*previous)->stage != PushRecord::Stage::done &&
        (*previous)->planDigest == digest)
    {
        record = std::move (**previous);
        result.resumed = true;
        log::info ("spotify", "resuming a push at stage " + stageName (record.stage) + ", " +
                                  std::to_string (record.added) + " tracks in");
    }
    else
    {
        auto id = auth::makeState();
        if (!id)
            return std::unexpected (id.error());
        record.plan = plan;
        record.planDigest = digest;
        record.pushId = id->substr (0, 12);
    }

    // Recorded before the first request: whatever happens next can be picked up again.
    if (auto saved = journal.save (record); !saved)
        return std::unexpected (saved.error());

    if (record.stage == PushRecord::Stage::creating)
        if (auto created = createOrFind (record, result.resumed, cancel); !created)
            return std::unexpected (created.error());

    if (record.stage == PushRecord::Stage::adding)
    {
        if (result.resumed)
            if (auto reconciled = reconcile (record, cancel); !reconciled)
                return std::unexpected (reconciled.error());

        const auto total = static_cast<int> (record.plan.uris.size());
        while (record.added < total)
        {
            if (auto chunk = addChunk (record, cancel); !chunk)
                return std::unexpected (chunk.error());
            if (progress)
                progress (record.added, total);
        }
        record.stage = PushRecord::Stage::finishing;
        if (auto saved = journal.save (record); !saved)
            return std::unexpected (saved.error());
    }

    if (record.stage == PushRecord::Stage::finishing)
        finish (record, result, cancel);

    result.playlist.id = record.playlistId;
    result.playlist.uri = record.playlistUri;
    result.playlist.name = record.plan.name;
    result.playlist.itemCount = record.added;
    result.added = record.added;
    return result;
}

Expected<void> PlaylistWriter::createOrFind (PushRecord& record, bool resumed,
                                             const std::atomic<bool>* cancel)
{
    if (!record.plan.updatesPlaylistId.empty())
    {
        auto existing = api.getPlaylist (record.plan.updatesPlaylistId, cancel);
        if (!existing)
            return makeError (existing.error().kind,
                              existing.error().kind == Error::Kind::notFound
                                  ? "the playlist sent earlier is no longer on Spotify; send it "
                                    "as a new playlist"
                                  : existing.error().message);
        record.playlistId = existing->id.empty() ? record.plan.updatesPlaylistId : existing->id;
        record.playlistUri = existing->uri;
    }
    else
    {
        // The answer to an earlier create may have been lost: look for the reference first.
        std::optional<SpotifyPlaylist> found;
        if (resumed)
        {
            auto mine = api.getMyPlaylists (200, cancel);
            if (!mine)
                return std::unexpected (mine.error());
            for (const auto& playlist : *mine)
                if (playlist.description.find (referenceText (record.pushId)) != std::string::npos)
                    found = playlist;
        }
        if (!found)
        {
            auto description = record.plan.description;
            if (!description.empty())
                description.push_back (' ');
            description.append (referenceText (record.pushId));
            auto created =
                api.createPlaylist (record.plan.name, description, record.plan.isPublic, cancel);
            if (!created)
                return std::unexpected (created.error());
            found = *created;
        }
        record.playlistId = found->id;
        record.playlistUri = found->uri;
    }

    record.stage = PushRecord::Stage::adding;
    record.added = 0;
    return journal.save (record);
}

Expected<void> PlaylistWriter::reconcile (PushRecord& record, const std::atomic<bool>* cancel)
{
    // Replacing starts over with a PUT, which can simply be repeated.
    if (!record.plan.updatesPlaylistId.empty() && record.added == 0)
        return {};

    auto playlist = api.getPlaylist (record.playlistId, cancel);
    if (!playlist)
        return std::unexpected (playlist.error());

    const auto total = static_cast<int> (record.plan.uris.size());
    const auto nextChunk = std::min (maxItemsPerRequest, total - record.added);
    if (playlist->itemCount == record.added)
        return {};
    if (playlist->itemCount == record.added + nextChunk)
    {
        // The last chunk landed but its record was not written.
        record.added += nextChunk;
        return journal.save (record);
    }
    return makeError (Error::Kind::invalidInput,
                      "the playlist \"" + record.plan.name + "\" on Spotify now has " +
                          std::to_string (playlist->itemCount) + " tracks where " +
                          std::to_string (record.added) +
                          " were recorded, so it was changed meanwhile; send it as a new playlist "
                          "or update it to replace its tracks");
}

Expected<void> PlaylistWriter::addChunk (PushRecord& record, const std::atomic<bool>* cancel)
{
    const auto total = static_cast<int> (record.plan.uris.size());
    const auto count = std::min (maxItemsPerRequest, total - record.added);
    const std::span<const std::string> chunk (record.plan.uris.data() + record.added,
                                              static_cast<std::size_t> (count));
    const bool replacing = !record.plan.updatesPlaylistId.empty() && record.added == 0;

    for (int attempt = 1;; ++attempt)
    {
        auto sent = replacing ? api.replaceItems (record.playlistId, chunk, cancel)
                              : api.addItems (record.playlistId, chunk, cancel);
        if (sent)
            break;

        const auto problem = api.getLastProblem();
        if (!outcomeUnknown (sent.error(), problem) || attempt >= attemptsPerChunk)
            return std::unexpected (sent.error());

        // Did it land? Spotify adds a chunk whole or not at all.
        if (!replacing)
        {
            auto playlist = api.getPlaylist (record.playlistId, cancel);
            if (!playlist)
                return std::unexpected (playlist.error());
            if (playlist->itemCount == record.added + count)
                break;
            if (playlist->itemCount != record.added)
                return makeError (Error::Kind::invalidInput,
                                  "the playlist on Spotify changed while tracks were being added; "
                                  "update it to replace its tracks");
        }
        log::info ("spotify", "a chunk's answer was lost; sending it again");
        if (!sleepUnlessCancelled (std::chrono::milliseconds (250 * attempt), cancel))
            return makeError (Error::Kind::cancelled, "stopped; push again to carry on");
    }

    record.added += count;
    return journal.save (record);
}

void PlaylistWriter::finish (PushRecord& record, PushResult& result,
                             const std::atomic<bool>* cancel)
{
    // The tracks are in: from here a failure is a note, never a lost playlist.
    if (!record.plan.coverJpegBase64.empty())
        if (auto cover = api.uploadCover (record.playlistId, record.plan.coverJpegBase64, cancel);
            !cover)
            result.notes.push_back ("the cover was not uploaded: " + cover.error().message);

    if (record.plan.playback == Playback::play)
    {
        if (auto played = api.startPlayback (record.playlistUri, cancel); !played)
            result.notes.push_back ("playback did not start (open Spotify on a device first): " +
                                    played.error().message);
    }
    else if (record.plan.playback == Playback::queue)
    {
        for (const auto& uri : record.plan.uris)
            if (auto queued = api.addToQueue (uri, cancel); !queued)
            {
                result.notes.push_back ("not everything was queued (open Spotify on a device "
                                        "first): " +
                                        queued.error().message);
                break;
            }
    }

    record.stage = PushRecord::Stage::done;
    if (auto saved = journal.save (record); !saved)
        result.notes.push_back ("the playlist is on Spotify, but its record was not saved: " +
                                saved.error().message);
}

} // namespace moodboard::spotify
