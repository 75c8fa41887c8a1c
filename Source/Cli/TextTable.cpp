#include "Cli/TextTable.h"

#include <cstdio>
#include <string>

namespace moodboard::cli
{
namespace
{
std::string number (const std::optional<double>& value, const char* format)
{
    if (! value)
        return "-";

    char buffer[32];
    std::snprintf (buffer, sizeof (buffer), format, *value);
    return buffer;
}

std::string clip (const std::string& text, std::size_t width)
{
    // Cuts at a character boundary so that UTF-8 titles stay valid.
    if (text.size() <= width)
        return text;

    auto cut = width - 1;
    while (cut > 0 && (static_cast<unsigned char> (text[cut]) & 0xC0) == 0x80)
        --cut;

    return text.substr (0, cut) + "~";
}

std::string duration (double seconds)
{
    char buffer[16];
    const auto s = (int) (seconds + 0.5);
    std::snprintf (buffer, sizeof (buffer), "%d:%02d", s / 60, s % 60);
    return buffer;
}
} // namespace

void printTrackSummary (std::ostream& out, const library::Track& track)
{
    const auto& f = track.features;
    const auto key = audio::keyName (f);
    out << track.path << "\n"
        << "  " << track.artist << (track.artist.empty() ? "" : " - ") << track.title << ", "
        << duration (f.durationSeconds) << "\n"
        << "  tempo " << number (f.tempoBpm, "%.1f") << " BPM (confidence "
        << number (f.tempoConfidence, "%.2f") << "), loudness " << number (f.loudnessLufs, "%.1f")
        << " LUFS, key " << (key.empty() ? "-" : key) << "\n"
        << "  energy " << number (f.energy, "%.2f") << ", danceability "
        << number (f.danceability, "%.2f") << ", acousticness " << number (f.acousticness, "%.2f")
        << ", brightness " << number (f.brightness, "%.2f") << ", valence "
        << number (f.valence, "%.2f") << "\n";
}

void printPlaylistTable (std::ostream& out, const matching::Playlist& playlist)
{
    char line[512];
    std::snprintf (line, sizeof (line), "%3s  %-28s %-20s %5s %5s %6s %-9s %6s %7s  %s\n", "#",
                   "title", "artist", "time", "bpm", "lufs", "key", "energy", "valence", "why");
    out << line;

    int position = 1;
    for (const auto& entry : playlist.entries)
    {
        const auto& t = entry.track;
        const auto& f = t.features;
        const auto key = audio::keyName (f);
        std::snprintf (line, sizeof (line), "%3d  %-28s %-20s %5s %5s %6s %-9s %6s %7s  %s\n",
                       position++, clip (t.title, 28).c_str(), clip (t.artist, 20).c_str(),
                       duration (f.durationSeconds).c_str(), number (f.tempoBpm, "%.0f").c_str(),
                       number (f.loudnessLufs, "%.1f").c_str(), key.empty() ? "-" : key.c_str(),
                       number (f.energy, "%.2f").c_str(), number (f.valence, "%.2f").c_str(),
                       entry.reason.c_str());
        out << line;
    }

    out << playlist.entries.size() << " tracks, " << duration (playlist.getTotalSeconds()) << "\n";

    for (const auto& note : playlist.notes)
        out << "note: " << note << "\n";
}

} // namespace moodboard::cli
