#pragma once

#include "Core/Error.h"

#include <cstdint>
#include <filesystem>
#include <string>

namespace moodboard::library
{

/** A fingerprint of a file's bytes that stays the same when the file is moved, renamed or only
    touched, and changes when it is re-encoded, re-tagged, cut or extended.

    It is the SHA-256 (first 128 bits, as 32 hex digits) of the file's size, its first 64 KiB,
    the 64 KiB in its middle and its last 64 KiB; a file of 192 KiB or less is hashed whole.
    Those three windows are chosen because the head holds the container header and most tag
    blocks (ID3v2, Vorbis comments, FLAC metadata, RIFF chunks), the tail holds ID3v1 and APE tags
    and the end of the audio, and the middle samples the audio itself, while the exact size catches
    anything cut or appended. Reading 192 KiB costs the same for a three-hour file as for a
    three-minute one, so a rescan can afford it where decoding would take seconds.

    The bytes between the windows are not read: an edit that keeps the size and touches only
    those bytes (rare: a sample-exact splice in place) gives the same fingerprint.
    Any thread.
*/
[[nodiscard]] Expected<std::string> computeContentHash (const std::filesystem::path& file);

/** The size of each of the three windows. */
inline constexpr std::int64_t contentHashWindow = 64 * 1024;

} // namespace moodboard::library
