// MP3 files as people have them: VBR with and without the LAME/Xing header, large embedded
// artwork, cut short, or named as something else. Encoded with the `lame` command.
#include "AudioFiles.h"
#include "AudioIO/FileAudioDecoder.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <random>

using namespace moodboard;

namespace
{
constexpr double rate = 44100.0;
constexpr double seconds = 20.0;

// Ten seconds of near silence, then ten of loud noise: a VBR encoder spends very few bits on the
// first frames and many on the rest, so a length guessed from the first frame is far off.
testing::Channels quietThenLoud()
{
    std::mt19937 random (7);
    std::uniform_real_distribution<float> noise (-0.5f, 0.5f);
    testing::Channels channels (2, std::vector<float> ((std::size_t) (seconds * rate)));
    for (auto& channel : channels)
        for (std::size_t i = channel.size() / 2; i < channel.size(); ++i)
            channel[i] = noise (random);
    return channels;
}

std::filesystem::path encode (const std::filesystem::path& folder, const std::string& name,
                              const std::string& lameOptions)
{
    const auto wav = folder / (name + ".wav");
    const auto mp3 = folder / (name + ".mp3");
    REQUIRE (testing::writeAudioFile (wav, testing::FileFormat::wav, quietThenLoud(), rate));
    const auto command = "lame --quiet " + lameOptions + " '" + wav.string() + "' '"
                         + mp3.string() + "'";
    REQUIRE (std::system (command.c_str()) == 0);
    std::filesystem::remove (wav);
    return mp3;
}

std::string readBytes (const std::filesystem::path& file)
{
    std::ifstream in (file, std::ios::binary);
    return { std::istreambuf_iterator<char> (in), {} };
}

// An ID3v2.3 tag holding one APIC frame with `pictureBytes` of picture data.
std::string id3WithArtwork (std::size_t pictureBytes)
{
    std::string frame;
    frame += '\0';                          // text encoding
    frame += std::string ("image/jpeg") + '\0';
    frame += '\3';                          // front cover
    frame += '\0';                          // empty description
    frame += std::string ("\xff\xd8\xff\xe0", 4) + std::string (pictureBytes, '\x5a');

    auto bigEndian = [] (std::size_t n)
    { return std::string { (char) (n >> 24), (char) (n >> 16), (char) (n >> 8), (char) n }; };
    auto syncSafe = [] (std::size_t n)
    {
        return std::string { (char) ((n >> 21) & 0x7f), (char) ((n >> 14) & 0x7f),
                             (char) ((n >> 7) & 0x7f), (char) (n & 0x7f) };
    };

    const auto body = std::string ("APIC") + bigEndian (frame.size()) + std::string (2, '\0')
                      + frame;
    return std::string ("ID3\x03\x00\x00", 6) + syncSafe (body.size()) + body;
}

struct Decoded
{
    std::int64_t declared = 0, samples = 0;
    double loudHalfRms = 0.0;
};

Decoded decodeWhole (const std::filesystem::path& file)
{
    audio::FileAudioDecoder decoder;
    auto stream = decoder.open (file);
    REQUIRE (stream);
    REQUIRE ((*stream)->getSampleRate() == rate);
    REQUIRE ((*stream)->getNumChannels() == 2);

    Decoded result;
    result.declared = (*stream)->getLengthInSamples();
    std::vector<float> left (4096), right (4096);
    float* channels[] = { left.data(), right.data() };
    double sum = 0.0;
    std::int64_t loudSamples = 0;

    for (;;)
    {
        auto n = (*stream)->read (channels, 4096);
        REQUIRE (n);
        if (*n == 0)
            break;
        for (int i = 0; i < *n; ++i, ++result.samples)
            if (result.samples > (std::int64_t) (12 * rate)
                && result.samples < (std::int64_t) (18 * rate))
            {
                sum += (double) left[(std::size_t) i] * left[(std::size_t) i];
                ++loudSamples;
            }
    }
    result.loudHalfRms = loudSamples > 0 ? std::sqrt (sum / (double) loudSamples) : 0.0;
    return result;
}
} // namespace

TEST_CASE ("MP3 files report their true length and decode, VBR header or not", "[formats][mp3]")
{
    const auto folder = testing::makeScratchFolder ("mp3-vbr");
    const auto expected = (std::int64_t) (seconds * rate);
    // Uniform noise in [-0.5, 0.5] has an RMS of 0.289.
    const double noiseRms = 0.5 / std::sqrt (3.0);

    SECTION ("VBR with a LAME header")
    {
        const auto d = decodeWhole (encode (folder, "vbr", "-V 2"));
        CHECK (d.declared == expected);   // gapless: encoder delay and padding removed
        CHECK (d.samples == d.declared);
        CHECK (d.loudHalfRms == Approx (noiseRms).epsilon (0.1));
    }

    SECTION ("VBR without a header: the frames are counted")
    {
        const auto d = decodeWhole (encode (folder, "vbr-bare", "-V 2 -t"));
        CHECK (std::abs (d.declared - expected) < 3000);   // encoder delay and padding stay
        CHECK (d.samples == d.declared);
    }

    SECTION ("CBR behind an ID3v2 tag with 3 MB of artwork")
    {
        const auto plain = encode (folder, "cbr", "-b 192");
        const auto tagged = folder / "cbr-artwork.mp3";
        std::ofstream (tagged, std::ios::binary) << id3WithArtwork (3'000'000) << readBytes (plain);
        REQUIRE (std::filesystem::file_size (tagged) > 3'000'000);

        const auto d = decodeWhole (tagged);
        CHECK (std::abs (d.declared - expected) < 3000);
        CHECK (d.samples == d.declared);
        CHECK (d.loudHalfRms == Approx (noiseRms).epsilon (0.1));

        SECTION ("and the same file named .wav")
        {
            const auto renamed = folder / "really-an-mp3.wav";
            std::filesystem::copy_file (tagged, renamed,
                                        std::filesystem::copy_options::overwrite_existing);
            CHECK (decodeWhole (renamed).samples == d.samples);
        }
    }

    SECTION ("cut short: what is there is decoded")
    {
        const auto file = encode (folder, "cut", "-b 128");
        std::filesystem::resize_file (file, std::filesystem::file_size (file) * 3 / 4);
        const auto d = decodeWhole (file);
        CHECK (d.samples > (std::int64_t) (14 * rate));
        CHECK (d.samples < (std::int64_t) (16 * rate));
    }
}
