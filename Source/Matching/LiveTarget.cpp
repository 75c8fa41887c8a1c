#include "Matching/LiveTarget.h"

#include "Mood/MoodExplanation.h"

#include <cmath>
#include <cstdio>

namespace moodboard::matching
{

mood::MoodTarget targetLike (const audio::Features& f, int count)
{
    mood::MoodTarget target;
    target.end = { f.valence.value_or (0.5), f.energy.value_or (0.5) };
    target.danceability = f.danceability;
    target.acousticness = f.acousticness;
    if (f.tempoBpm)
        target.tempoBpm = mood::TempoRange { *f.tempoBpm * 0.94, *f.tempoBpm * 1.06 };
    target.count = count;
    target.confidence = 1.0;
    target.explanation = "Tracks like what the session plays: " + describeLive (f) + ".";
    return target;
}

std::string describeLive (const audio::Features& f)
{
    std::string text;
    char number[64];
    if (f.tempoBpm)
    {
        std::snprintf (number, sizeof (number), "%.0f BPM, ", *f.tempoBpm);
        text += number;
    }
    if (const auto key = audio::keyName (f); ! key.empty())
        text += key + ", ";
    std::snprintf (number, sizeof (number), "energy %.2f, valence %.2f",
                   f.energy.value_or (0.5), f.valence.value_or (0.5));
    text += number;
    return text + ": "
           + mood::describeMoodPoint ({ f.valence.value_or (0.5), f.energy.value_or (0.5) });
}

} // namespace moodboard::matching
