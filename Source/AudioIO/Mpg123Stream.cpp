#include "AudioIO/Mpg123Stream.h"

#include <mpg123.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <vector>

namespace moodboard::audio
{
namespace
{
// How far libmpg123 looks past junk for the first frame: enough for damaged leading bytes, small
// enough that a text file named .mp3 is refused quickly instead of searched through.
constexpr long resyncLimitBytes = 64 * 1024;

struct HandleDeleter
{
    void operator() (mpg123_handle* h) const
    {
        mpg123_close (h);
        mpg123_delete (h);
    }
};
using Handle = std::unique_ptr<mpg123_handle, HandleDeleter>;

class Mpg123Stream final : public AudioStream
{
public:
    Mpg123Stream (Handle h, long rate, int channels, std::int64_t length, std::string name)
        : handle (std::move (h)), sampleRate (rate), numChannels (channels),
          lengthInSamples (length), fileName (std::move (name))
    {
    }

    double getSampleRate() const override { return (double) sampleRate; }
    int getNumChannels() const override { return numChannels; }
    std::int64_t getLengthInSamples() const override { return lengthInSamples; }

    Expected<int> read (float* const* channels, int numSamples) override
    {
        int written = 0;

        while (written < numSamples)
        {
            if (pending.empty() || pendingFrames == 0)
            {
                if (finished)
                    break;
                if (auto filled = decodeMore(); ! filled)
                    return std::unexpected (filled.error());
                continue;
            }

            const auto n = std::min (pendingFrames, numSamples - written);
            for (int i = 0; i < n; ++i)
                for (int c = 0; c < numChannels; ++c)
                {
                    const float s = pending[(std::size_t) ((pendingOffset + i) * numChannels + c)];
                    channels[c][written + i] = std::isfinite (s) ? s : 0.0f;
                }

            pendingOffset += n;
            pendingFrames -= n;
            written += n;
        }

        return written;
    }

private:
    // Decodes the next piece of the file into `pending` (interleaved floats).
    Expected<void> decodeMore()
    {
        pending.resize (8192 * (std::size_t) numChannels);
        std::size_t bytes = 0;
        const auto result = mpg123_read (handle.get(),
                                         reinterpret_cast<unsigned char*> (pending.data()),
                                         pending.size() * sizeof (float), &bytes);

        pendingOffset = 0;
        pendingFrames = (int) (bytes / (sizeof (float) * (std::size_t) numChannels));

        if (result == MPG123_DONE)
            finished = true;
        else if (result == MPG123_NEW_FORMAT)
            ; // the format is pinned at open, so this only announces it again
        else if (result != MPG123_OK)
        {
            // A stream that breaks off keeps what was decoded, like a truncated Ogg or FLAC file.
            if (decodedAny && result == MPG123_ERR)
            {
                finished = true;
                return {};
            }
            return makeError (Error::Kind::corrupt,
                              fileName + ": the MP3 data is damaged and cannot be decoded ("
                                  + mpg123_strerror (handle.get()) + ")");
        }

        decodedAny = decodedAny || pendingFrames > 0;
        return {};
    }

    Handle handle;
    long sampleRate;
    int numChannels;
    std::int64_t lengthInSamples;
    std::string fileName;
    std::vector<float> pending;
    int pendingOffset = 0, pendingFrames = 0;
    bool finished = false, decodedAny = false;
};

Error refused (const std::string& name, const std::string& why)
{
    return { Error::Kind::unsupported, name + ": not a readable MP3 file (" + why + ")" };
}
} // namespace

Expected<std::unique_ptr<AudioStream>> openMpegAudio (const std::filesystem::path& file)
{
    // mpg123_init() is needed only by libmpg123 before 1.27, and must not run twice at once.
    static std::once_flag initialised;
    std::call_once (initialised, [] { mpg123_init(); });

    const auto name = file.string();
    int error = MPG123_OK;
    Handle handle (mpg123_new (nullptr, &error));

    if (handle == nullptr)
        return std::unexpected (refused (name, mpg123_plain_strerror (error)));

    auto* h = handle.get();
    mpg123_param (h, MPG123_ADD_FLAGS, MPG123_QUIET | MPG123_FORCE_FLOAT | MPG123_GAPLESS, 0.0);
    mpg123_param (h, MPG123_RESYNC_LIMIT, resyncLimitBytes, 0.0);

    // Pin float output at whatever rate and channel count the file has.
    mpg123_format_none (h);
    const long* rates = nullptr;
    std::size_t numRates = 0;
    mpg123_rates (&rates, &numRates);
    for (std::size_t i = 0; i < numRates; ++i)
        mpg123_format (h, rates[i], MPG123_MONO | MPG123_STEREO, MPG123_ENC_FLOAT_32);

    if (mpg123_open (h, name.c_str()) != MPG123_OK)
        return std::unexpected (refused (name, mpg123_strerror (h)));

    long rate = 0;
    int channels = 0, encoding = 0;

    if (mpg123_getformat (h, &rate, &channels, &encoding) != MPG123_OK || rate <= 0
        || channels <= 0)
        return std::unexpected (refused (name, "no MPEG audio frame found"));

    // Without a LAME/Xing header the length is a guess from the first frame; counting the frames
    // reads only their headers and makes VBR lengths exact.
    mpg123_scan (h);
    const auto length = (std::int64_t) mpg123_length (h);

    if (length <= 0)
        return std::unexpected (refused (name, "the file holds no audio"));

    return std::make_unique<Mpg123Stream> (std::move (handle), rate, channels, length, name);
}

} // namespace moodboard::audio
