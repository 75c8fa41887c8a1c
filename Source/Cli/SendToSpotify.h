#pragma once

#include "Matching/Playlist.h"
#include "Spotify/PushPlan.h"
#include "Spotify/SpotifyAccount.h"

namespace moodboard::cli
{

struct SendOptions
{
    std::string name;
    bool cover = false;
    bool yes = false;    // the user's answer given in advance (--yes)
    bool update = false; // replace the tracks of the playlist sent before under this name
    bool fresh = false;  // send a new playlist even when one of this name was sent before
    spotify::Playback playback = spotify::Playback::none;
};

/** The signed-in Spotify account (through Auth0's Token Vault or Spotify's own sign-in); nothing,
    with the reason printed, when there is none. Main thread. */
[[nodiscard]] std::unique_ptr<spotify::SpotifyAccount> openSpotifyAccount();

/** Finds `playlist` on Spotify, shows the plan at the terminal prompt and, when the user says
    yes, writes it (recorded for `push --resume`). Returns the exit code: 0 sent, 1 refused or
    failed (the message says why), 2 when --yes cannot choose between updating and a new
    playlist. Main thread. */
int sendPlaylist (const matching::Playlist& playlist, SendOptions options,
                  spotify::SpotifyAccount& account);

} // namespace moodboard::cli
