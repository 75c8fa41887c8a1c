#include "Spotify/CoverArt.h"

#include <openssl/evp.h>

#include <cstdio>
#include <jpeglib.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace moodboard::spotify
{
namespace
{
using Rgb = std::array<double, 3>;

Rgb mix (const Rgb& a, const Rgb& b, double t)
{
    return {a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t};
}

// The four corners of the mood plane: sad and calm, happy and calm, sad and tense, happy and
// excited; the same reading as the app's map.
Rgb moodColour (double valence, double energy)
{
    const Rgb sadCalm{38, 52, 110}, happyCalm{88, 170, 140};
    const Rgb sadTense{120, 30, 70}, happyExcited{250, 190, 60};
    return mix (mix (sadCalm, happyCalm, valence), mix (sadTense, happyExcited, valence), energy);
}

class Raster
{
public:
    explicit Raster (int side)
        : size (side)
        , pixels (static_cast<std::size_t> (side * side * 3))
    {
    }

    void blend (int x, int y, const Rgb& colour, double alpha)
    {
        if (x < 0 || y < 0 || x >= size || y >= size || alpha <= 0.0)
            return;
        auto* p = &pixels[static_cast<std::size_t> ((y * size + x) * 3)];
        for (int c = 0; c < 3; ++c)
            p[c] = static_cast<unsigned char> (
                std::clamp (p[c] + (colour[c] - p[c]) * std::min (1.0, alpha), 0.0, 255.0));
    }

    void disc (double cx, double cy, double radius, const Rgb& colour, double alpha)
    {
        for (int y = static_cast<int> (cy - radius - 1); y <= static_cast<int> (cy + radius + 1);
             ++y)
            for (int x = static_cast<int> (cx - radius - 1);
                 x <= static_cast<int> (cx + radius + 1); ++x)
            {
                const auto d = std::hypot (x + 0.5 - cx, y + 0.5 - cy);
                blend (x, y, colour, alpha * std::clamp (radius - d + 0.5, 0.0, 1.0));
            }
    }

    void line (double x0, double y0, double x1, double y1, double width, const Rgb& colour,
               double alpha)
    {
        const auto steps = static_cast<int> (std::hypot (x1 - x0, y1 - y0) / (width * 0.5)) + 1;
        for (int i = 0; i <= steps; ++i)
        {
            const auto t = static_cast<double> (i) / steps;
            disc (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, width * 0.5, colour, alpha);
        }
    }

    int size;
    std::vector<unsigned char> pixels;
};

Raster draw (const std::vector<mood::MoodPoint>& tracks, int size)
{
    Raster raster (size);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x)
            raster.blend (x, y, moodColour ((x + 0.5) / size, 1.0 - (y + 0.5) / size), 1.0);

    const auto at = [size] (const mood::MoodPoint& p)
    {
        return std::pair{std::clamp (p.valence, 0.0, 1.0) * (size - 1),
                         (1.0 - std::clamp (p.energy, 0.0, 1.0)) * (size - 1)};
    };
    const Rgb white{255, 255, 255};
    const auto scale = size / 640.0;

    // Quarter lines, then the path in playing order, then the tracks on top.
    for (const auto q : {0.25, 0.5, 0.75})
    {
        raster.line (q * size, 0, q * size, size - 1, 1.5 * scale, white, 0.18);
        raster.line (0, q * size, size - 1, q * size, 1.5 * scale, white, 0.18);
    }
    for (std::size_t i = 1; i < tracks.size(); ++i)
    {
        const auto [x0, y0] = at (tracks[i - 1]);
        const auto [x1, y1] = at (tracks[i]);
        raster.line (x0, y0, x1, y1, 5.0 * scale, white, 0.55);
    }
    for (std::size_t i = 0; i < tracks.size(); ++i)
    {
        const auto [x, y] = at (tracks[i]);
        const auto first = i == 0, last = i + 1 == tracks.size();
        raster.disc (x, y, (first || last ? 17.0 : 11.0) * scale, white, 0.95);
        raster.disc (x, y, (first || last ? 11.0 : 6.0) * scale,
                     moodColour (tracks[i].valence, tracks[i].energy), 1.0);
    }
    return raster;
}

Expected<std::vector<unsigned char>> encodeJpeg (const Raster& raster, int quality)
{
    jpeg_compress_struct info{};
    jpeg_error_mgr errors{};
    info.err = jpeg_std_error (&errors);
    // libjpeg's default error handler exits the process; it cannot fail here short of running
    // out of memory (the sizes are ours), which is what its default handler reports.
    jpeg_create_compress (&info);

    unsigned char* buffer = nullptr;
    unsigned long length = 0;
    jpeg_mem_dest (&info, &buffer, &length);
    info.image_width = static_cast<JDIMENSION> (raster.size);
    info.image_height = static_cast<JDIMENSION> (raster.size);
    info.input_components = 3;
    info.in_color_space = JCS_RGB;
    jpeg_set_defaults (&info);
    jpeg_set_quality (&info, quality, TRUE);
    jpeg_start_compress (&info, TRUE);
    while (info.next_scanline < info.image_height)
    {
        auto* row = const_cast<unsigned char*> (
            &raster.pixels[static_cast<std::size_t> (info.next_scanline) * raster.size * 3]);
        jpeg_write_scanlines (&info, &row, 1);
    }
    jpeg_finish_compress (&info);
    jpeg_destroy_compress (&info);

    if (buffer == nullptr || length == 0)
        return makeError (Error::Kind::internal, "the cover could not be encoded as JPEG");
    std::vector<unsigned char> bytes (buffer, buffer + length);
    std::free (buffer);
    return bytes;
}
} // namespace

std::string base64Encode (const std::vector<unsigned char>& bytes)
{
    std::string out (4 * ((bytes.size() + 2) / 3), '\0');
    const auto written = EVP_EncodeBlock (reinterpret_cast<unsigned char*> (out.data()),
                                          bytes.data(), static_cast<int> (bytes.size()));
    out.resize (static_cast<std::size_t> (std::max (0, written)));
    return out;
}

Expected<CoverArt> renderCover (const std::vector<mood::MoodPoint>& tracks, int size,
                                std::size_t maxBase64Bytes)
{
    if (size < 64 || size > 2048)
        return makeError (Error::Kind::invalidInput, "a cover is 64 to 2048 pixels wide");

    for (auto side = size; side >= 64; side = side * 3 / 4)
    {
        const auto raster = draw (tracks, side);
        for (int quality = 90; quality >= 30; quality -= 15)
        {
            auto jpeg = encodeJpeg (raster, quality);
            if (!jpeg)
                return std::unexpected (jpeg.error());
            auto base64 = base64Encode (*jpeg);
            if (base64.size() <= maxBase64Bytes)
                return CoverArt{std::move (*jpeg), std::move (base64), side, quality};
        }
    }
    return makeError (Error::Kind::invalidInput,
                      "the cover does not fit in " + std::to_string (maxBase64Bytes) +
                          " bytes even small; the playlist is sent without one");
}

} // namespace moodboard::spotify
