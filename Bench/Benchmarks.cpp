// Prints speed figures for analysis and matching. Not a test: it asserts nothing and is never
// run by CTest. Usage: moodboard_bench [path/to/spotify_songs.csv]
#include "Audio/FeatureExtractor.h"
#include "DecodeOnly.h"
#include "MatchingBenchmark.h"
#include "AudioIO/FileAudioDecoder.h"
#include "Library/Scanner.h"
#include "Matching/Suggester.h"

#include <juce_audio_formats/juce_audio_formats.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

using namespace moodboard;
using Clock = std::chrono::steady_clock;

namespace
{
double secondsSince (Clock::time_point start)
{
    return std::chrono::duration<double> (Clock::now() - start).count();
}

// A minute of stereo music-like audio: a chord pad with a kick and hats at 124 BPM.
juce::AudioBuffer<float> makeMusic (double rate, double seconds)
{
    const int n = (int) (rate * seconds);
    juce::AudioBuffer<float> buffer (2, n);
    std::mt19937 noise (7);
    std::uniform_real_distribution<float> uniform (-1.0f, 1.0f);
    const double beat = 60.0 / 124.0;

    for (int i = 0; i < n; ++i)
    {
        const double t = i / rate;
        const double inBeat = std::fmod (t, beat);
        const double chord = 0.15 * (std::sin (2 * M_PI * 220.0 * t) + std::sin (2 * M_PI * 277.2 * t)
                                     + std::sin (2 * M_PI * 329.6 * t));
        const double kick = 0.6 * std::exp (-inBeat * 30.0) * std::sin (2 * M_PI * 60.0 * inBeat);
        const double hat = 0.1 * std::exp (-std::fmod (t, beat / 2) * 200.0) * uniform (noise);
        buffer.setSample (0, i, (float) (chord + kick + hat));
        buffer.setSample (1, i, (float) (chord + kick - hat));
    }
    return buffer;
}

void benchmarkAnalysis()
{
    const auto folder = std::filesystem::temp_directory_path() / "moodboard-bench";
    std::filesystem::create_directories (folder);
    const double rate = 44100.0, seconds = 60.0;
    const auto music = makeMusic (rate, seconds);

    std::printf ("analysis, one core, %g s of 44.1 kHz stereo, decoding included:\n", seconds);
    std::printf ("  %-6s %10s %14s\n", "format", "seconds", "x real time");

    const std::vector<std::pair<const char*, std::unique_ptr<juce::AudioFormat>>> formats = [] {
        std::vector<std::pair<const char*, std::unique_ptr<juce::AudioFormat>>> f;
        f.emplace_back ("wav", std::make_unique<juce::WavAudioFormat>());
        f.emplace_back ("aiff", std::make_unique<juce::AiffAudioFormat>());
        f.emplace_back ("flac", std::make_unique<juce::FlacAudioFormat>());
        f.emplace_back ("ogg", std::make_unique<juce::OggVorbisAudioFormat>());
        return f;
    }();

    audio::FileAudioDecoder decoder;

    for (const auto& [extension, format] : formats)
    {
        const juce::File file ((folder / (std::string ("bench.") + extension)).string());
        file.deleteFile();
        {
            std::unique_ptr<juce::AudioFormatWriter> writer (format->createWriterFor (
                file.createOutputStream().release(), rate, 2, 16, {}, 5));
            writer->writeFromAudioSampleBuffer (music, 0, music.getNumSamples());
        }

        // Best of three runs, to keep the figure about the code rather than the machine's mood.
        double best = 1e9;
        for (int run = 0; run < 3; ++run)
        {
            const auto start = Clock::now();
            const auto track = library::Scanner::analyseFile (file.getFullPathName().toStdString(), decoder);
            best = std::min (best, secondsSince (start));
            if (! track.error.empty())
                std::printf ("  %s failed: %s\n", extension, track.error.c_str());
        }
        std::printf ("  %-6s %10.3f %14.1f\n", extension, best, seconds / best);
    }
}

} // namespace

int main (int argc, char** argv)
{
    if (argc > 1 && std::string (argv[1]) == "--decode")
        return runDecodeOnly (argc - 2, argv + 2);

    // moodboard_bench [--decode ...] | [--million] [spotify_songs.csv]
    bool million = false;
    std::string csv = "../shared/data/spotify_songs.csv";
    for (int i = 1; i < argc; ++i)
        (std::string (argv[i]) == "--million" ? (void) (million = true) : (void) (csv = argv[i]));

    benchmarkAnalysis();
    moodboard::bench::runMatchingBenchmarks (csv, million);
    return 0;
}
