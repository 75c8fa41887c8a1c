#pragma once

#include <filesystem>
#include <string>

namespace moodboard::auth
{

struct LocalAccount;

/** The folder that keeps one signed-in user's own data (conversations, records of playlists sent
    to Spotify), so that two accounts on one machine never see each other's.

    The folder is Paths::dataDir()/users/<first 32 hex digits of SHA-256 of the provider and the
    user's `sub`>: the subject itself (an e-mail-like id at some providers) is not written into
    paths. Created on first use. Any thread.
*/
[[nodiscard]] std::filesystem::path userDataDir (const std::string& provider,
                                                 const std::string& subject);

/** The first stored sign-in's userDataDir(), or Paths::stateDir() when nobody is signed in or
    the sign-ins cannot be read. Any thread except the message and audio threads (reads the
    secret store, which may block).
*/
[[nodiscard]] std::filesystem::path signedInUserFolder (const LocalAccount& account);

} // namespace moodboard::auth
