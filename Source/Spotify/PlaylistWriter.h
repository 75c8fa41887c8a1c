#pragma once

#include "Spotify/PushJournal.h"
#include "Spotify/SpotifyApi.h"

#include <functional>

namespace moodboard::spotify
{

struct PushResult
{
    SpotifyPlaylist playlist;
    int added = 0;
    bool resumed = false;           // an interrupted push of the same plan was carried on
    std::vector<std::string> notes; // what did not work out but lost nothing (cover, playback)
};

/** Writes a confirmed PushPlan to the user's Spotify account: the only code that reaches the
    API's write calls.

    The push is recorded in the PushJournal before the first request and after every step
    (playlist created, each chunk of at most 100 tracks added in order, cover, playback), so a
    crash, a network loss or a quit is resumed by pushing the same plan again: the playlist is
    found again by a reference written into its description, and the count of tracks Spotify
    holds tells whether the last chunk landed, so nothing is added twice and nothing is missed.
    A chunk whose answer was lost (5xx, dropped connection, damaged answer) is checked the same
    way before it is sent again. A rate limit too long to wait out stops the push with the time
    to try again; the record stays for the resume.

    Any thread except the message and audio threads; one push at a time per journal.
*/
class PlaylistWriter final
{
public:
    static constexpr int maxItemsPerRequest = 100;

    PlaylistWriter (SpotifyApi& api, PushJournal& journal);

    /** Pushes `plan`, spending `confirmation`; fails without any request when the confirmation
        was given for another plan. `progress` (tracks added, tracks in all) is called on this
        thread after each chunk. */
    [[nodiscard]] Expected<PushResult> push (const PushPlan& plan, PushConfirmation confirmation,
                                             const std::function<void (int, int)>& progress = {},
                                             const std::atomic<bool>* cancel = nullptr);

private:
    [[nodiscard]] Expected<void> createOrFind (PushRecord&, bool resumed, const std::atomic<bool>*);
    [[nodiscard]] Expected<void> reconcile (PushRecord&, const std::atomic<bool>*);
    [[nodiscard]] Expected<void> addChunk (PushRecord&, const std::atomic<bool>*);
    void finish (PushRecord&, PushResult&, const std::atomic<bool>*);

    SpotifyApi& api;
    PushJournal& journal;
};

} // namespace moodboard::spotify
