#include "Matching/Reasons.h"

#include <cmath>
#include <vector>

namespace moodboard::matching
{
namespace
{
std::string join (const std::vector<std::string>& parts, const char* separator)
{
    std::string out;
    for (const auto& part : parts)
        out += (out.empty() ? "" : separator) + part;
    return out;
}

std::string tempoWords (double bpm)
{
    const auto rounded = std::to_string ((int) std::lround (bpm)) + " BPM";

    if (bpm < 90.0) return "slow " + rounded;
    if (bpm > 125.0) return "fast " + rounded;
    return rounded;
}

std::string loudnessWords (double lufs)
{
    const auto rounded = std::to_string ((int) std::lround (lufs)) + " LUFS";

    if (lufs < -20.0) return "quiet " + rounded;
    if (lufs > -11.0) return "loud " + rounded;
    return rounded;
}
} // namespace

std::string describeMood (const mood::MoodPoint& p)
{
    const bool low = p.energy < 0.4, high = p.energy > 0.65;
    const bool sad = p.valence < 0.4, happy = p.valence > 0.6;

    if (low && sad) return "sombre, quiet";
    if (low && happy) return "calm, warm";
    if (low) return "calm";
    if (high && sad) return "tense, driving";
    if (high && happy) return "bright, upbeat";
    if (high) return "energetic";
    if (sad) return "wistful";
    if (happy) return "cheerful";
    return "balanced";
}

std::string explainPick (const library::Track& track, const mood::MoodTarget& target,
                         const mood::MoodPoint& slotTarget, double position)
{
    const auto& f = track.features;
    std::vector<std::string> parts;

    if (f.tempoBpm)
        parts.push_back (tempoWords (*f.tempoBpm));
    if (f.loudnessLufs)
        parts.push_back (loudnessWords (*f.loudnessLufs));
    if (f.energy)
        parts.push_back (*f.energy < 0.35 ? "low energy" : *f.energy > 0.7 ? "high energy" : "");
    if (f.acousticness && *f.acousticness > 0.6)
        parts.push_back ("acoustic");
    if (f.mode)
        parts.push_back (*f.mode == 1 ? "major key" : "minor key");

    std::erase (parts, std::string());

    std::string where = "the " + describeMood (slotTarget) + " mood";

    if (target.arc != mood::Arc::steady)
    {
        const char* stage = position < 0.34 ? "start" : position > 0.66 ? "end" : "middle";
        where = "the " + describeMood (slotTarget) + " " + stage;
    }

    return join (parts, ", ") + ": fits " + where;
}

} // namespace moodboard::matching
