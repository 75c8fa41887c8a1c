#include "Matching/Transitions.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace moodboard::matching
{

double Transitions::tempoStep (const audio::Features& from, const audio::Features& to)
{
    if (! from.tempoBpm || ! to.tempoBpm || *from.tempoBpm <= 0.0 || *to.tempoBpm <= 0.0)
        return 0.0;

    double best = std::abs (*to.tempoBpm - *from.tempoBpm);
    for (double factor : { 0.5, 2.0 })
        best = std::min (best, std::abs (*to.tempoBpm - *from.tempoBpm * factor));
    return best;
}

bool Transitions::areKeysKnown (const audio::Features& from, const audio::Features& to)
{
    return from.key && from.mode && to.key && to.mode;
}

bool Transitions::areKeysCompatible (const audio::Features& from, const audio::Features& to)
{
    if (! areKeysKnown (from, to))
        return true;

    // Compare both keys as their relative major, so that A minor and C major are the same place
    // on the circle of fifths.
    auto asMajor = [] (const audio::Features& f)
    { return *f.mode == 1 ? *f.key : (*f.key + 3) % 12; };
    const int a = asMajor (from), b = asMajor (to);
    const int interval = ((b - a) % 12 + 12) % 12;

    // Same place (same key or relative), or one step round the circle (a fifth up or down).
    return interval == 0 || interval == 7 || interval == 5;
}

double Transitions::cost (const audio::Features& from, const audio::Features& to)
{
    double cost = 0.0;

    if (from.tempoBpm && to.tempoBpm)
        cost += std::min (1.0, tempoStep (from, to) / std::max (1.0, *from.tempoBpm) * 4.0);

    if (areKeysKnown (from, to) && ! areKeysCompatible (from, to))
        cost += 0.5;

    return cost;
}

std::string Transitions::recordingKey (const library::Track& track)
{
    if (! track.isrc.empty())
        return "isrc:" + track.isrc;

    auto fold = [] (const std::string& text)
    {
        std::string out;
        int depth = 0;
        for (const unsigned char c : text)
        {
            if (c == '(' || c == '[')
                ++depth;
            else if ((c == ')' || c == ']') && depth > 0)
                --depth;
            else if (depth == 0 && (std::isalnum (c) || c >= 0x80))
                out += (char) std::tolower (c);
        }
        return out;
    };

    return fold (track.artist) + "|" + fold (track.title);
}

} // namespace moodboard::matching
