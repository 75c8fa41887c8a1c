// Prints speed figures for analysis and matching. Not a test: it asserts nothing and is never
// run by CTest. Usage: moodboard_bench [path/to/spotify_songs.csv]
#include "Audio/FeatureExtractor.h"
#include "AudioIO/JuceAudioDecoder.h"
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

    audio::JuceAudioDecoder decoder;

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

std::vector<std::string> splitCsvLine (const std::string& line)
{
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false;
    for (char c : line)
    {
        if (c == '"')
            quoted = ! quoted;
        else if (c == ',' && ! quoted)
        {
            fields.push_back (field);
            field.clear();
        }
        else
            field += c;
    }
    fields.push_back (field);
    return fields;
}

void benchmarkMatching (const std::filesystem::path& csv)
{
    std::ifstream in (csv);
    if (! in)
    {
        std::printf ("matching: skipped, %s not found\n", csv.string().c_str());
        return;
    }

    const auto folder = std::filesystem::temp_directory_path() / "moodboard-bench-catalog";
    std::filesystem::remove_all (folder);
    auto catalog = library::Catalog::open (folder / "catalog.sqlite");
    if (! catalog)
        return;

    std::string line;
    std::getline (in, line);
    int rows = 0;
    const auto loadStart = Clock::now();

    for (; std::getline (in, line); ++rows)
    {
        const auto f = splitCsvLine (line);
        if (f.size() < 23)
            continue;

        library::Track t;
        t.path = "spotify:track:" + f[0] + ":" + std::to_string (rows);
        t.title = f[1];
        t.artist = f[2];
        t.album = f[5];
        t.genre = f[9];
        t.analysisVersion = audio::analysisVersion;
        try
        {
            t.features.danceability = std::stod (f[11]);
            t.features.energy = std::stod (f[12]);
            t.features.key = std::stoi (f[13]);
            t.features.loudnessLufs = std::stod (f[14]);
            t.features.mode = std::stoi (f[15]);
            t.features.acousticness = std::stod (f[17]);
            t.features.valence = std::stod (f[20]);
            t.features.tempoBpm = std::stod (f[21]);
            t.features.durationSeconds = std::stod (f[22]) / 1000.0;
        }
        catch (const std::exception&)
        {
            continue;
        }
        (void) (*catalog)->store (t);
    }

    std::printf ("\nmatching over %d Spotify tracks (features from the CSV):\n", rows);
    std::printf ("  catalog fill %.2f s\n", secondsSince (loadStart));

    matching::Suggester suggester (**catalog, folder / "features.hnsw");
    mood::MoodTarget target;
    target.end = { 0.2, 0.2 };
    target.count = 20;

    auto start = Clock::now();
    (void) suggester.suggest (target);
    std::printf ("  first suggestion, index built and saved: %.3f s\n", secondsSince (start));

    const int queries = 50;
    start = Clock::now();
    for (int i = 0; i < queries; ++i)
    {
        target.end = { (i % 10) / 10.0, (i / 10) / 5.0 };
        (void) suggester.suggest (target);
    }
    std::printf ("  suggestion of 20 tracks, warm index: %.2f ms each\n",
                 1000.0 * secondsSince (start) / queries);
}
} // namespace

int main (int argc, char** argv)
{
    benchmarkAnalysis();
    benchmarkMatching (argc > 1 ? argv[1] : "../shared/data/spotify_songs.csv");
    return 0;
}
