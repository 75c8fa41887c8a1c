#pragma once

#include "Core/Error.h"
#include "Mood/MoodTarget.h"

#include <string>
#include <vector>

namespace moodboard::spotify
{

/** The playlist's cover: its mood map (valence left to right, energy bottom to top) on a
    background coloured by mood, the tracks as dots joined in playing order.

    Rendered into a square RGB raster in the core (no GUI toolkit), encoded as a baseline JPEG
    with libjpeg-turbo, and re-encoded at lower quality, then at a smaller size, until its base64
    body (standard alphabet, padding, no whitespace) is at most `maxBase64Bytes`: Spotify refuses
    a cover over 256 KB. Any thread.
*/
struct CoverArt
{
    std::vector<unsigned char> jpeg;
    std::string base64;
    int size = 0;    // pixels per side
    int quality = 0; // the JPEG quality that fitted
};

[[nodiscard]] Expected<CoverArt> renderCover (const std::vector<mood::MoodPoint>& tracks,
                                              int size = 640,
                                              std::size_t maxBase64Bytes = 256 * 1024);

/** Standard base64 with padding and no line breaks. Any thread. */
[[nodiscard]] std::string base64Encode (const std::vector<unsigned char>& bytes);

} // namespace moodboard::spotify
