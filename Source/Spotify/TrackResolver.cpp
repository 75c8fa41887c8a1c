#include "Spotify/TrackResolver.h"

#include <algorithm>
#include <cmath>
#include <thread>

namespace moodboard::spotify
{
namespace
{
bool isAsciiPunctuation (unsigned char c)
{
    return c < 0x80 && !std::isalnum (c) && c != ' ';
}

std::string foldAscii (std::string_view text)
{
    std::string out (text);
    for (auto& c : out)
        if (static_cast<unsigned char> (c) < 0x80)
            c = static_cast<char> (std::tolower (static_cast<unsigned char> (c)));
    return out;
}

// Character bigrams over bytes: UTF-8 sequences compare equal exactly when the text does.
double diceSimilarity (const std::string& a, const std::string& b)
{
    if (a == b)
        return 1.0;
    if (a.size() < 2 || b.size() < 2)
        return 0.0;
    std::vector<std::uint16_t> left, right;
    for (std::size_t i = 0; i + 1 < a.size(); ++i)
        left.push_back (static_cast<std::uint16_t> ((static_cast<unsigned char> (a[i]) << 8) |
                                                    static_cast<unsigned char> (a[i + 1])));
    for (std::size_t i = 0; i + 1 < b.size(); ++i)
        right.push_back (static_cast<std::uint16_t> ((static_cast<unsigned char> (b[i]) << 8) |
                                                     static_cast<unsigned char> (b[i + 1])));
    std::sort (left.begin(), left.end());
    std::sort (right.begin(), right.end());
    std::vector<std::uint16_t> common;
    std::set_intersection (left.begin(), left.end(), right.begin(), right.end(),
                           std::back_inserter (common));
    return 2.0 * static_cast<double> (common.size()) /
           static_cast<double> (left.size() + right.size());
}

std::string firstArtist (const std::string& artistLine)
{
    auto folded = foldAscii (artistLine);
    for (const std::string separator :
         {" feat. ", " feat ", " ft. ", " featuring ", " & ", ", ", " x ", " and ", "; ", " / "})
        if (const auto at = folded.find (separator); at != std::string::npos && at > 0)
            folded.resize (at);
    return normaliseForMatching (folded);
}

double durationScore (double localSeconds, int spotifyMs)
{
    if (localSeconds <= 0.0 || spotifyMs <= 0)
        return 0.5; // unknown: neither for nor against
    const auto difference = std::abs (localSeconds - spotifyMs / 1000.0);
    if (difference <= 3.0)
        return 1.0;
    return std::max (0.0, 1.0 - (difference - 3.0) / 27.0);
}

std::string quoted (std::string text)
{
    std::erase (text, '"');
    return "\"" + text + "\"";
}

bool sameRecording (const SpotifyTrack& a, const SpotifyTrack& b)
{
    if (!a.isrc.empty() && a.isrc == b.isrc)
        return true;
    return normaliseForMatching (a.name) == normaliseForMatching (b.name) &&
           a.artistLine() == b.artistLine() && std::abs (a.durationMs - b.durationMs) <= 2000;
}
} // namespace

std::string normaliseForMatching (std::string_view text)
{
    auto folded = foldAscii (text);

    // Version notes: "(Remastered 2011)", "[Live]", " - Radio Edit", "feat. X".
    std::string kept;
    int depth = 0;
    for (const char c : folded)
    {
        if (c == '(' || c == '[')
            ++depth;
        else if ((c == ')' || c == ']') && depth > 0)
            --depth;
        else if (depth == 0)
            kept += c;
    }
    for (const std::string marker : {" - ", " feat. ", " feat ", " ft. ", " featuring "})
        if (const auto at = kept.find (marker); at != std::string::npos && at > 0)
            kept.resize (at);

    std::string out;
    for (const char c : kept)
    {
        const auto byte = static_cast<unsigned char> (c);
        const char mapped = isAsciiPunctuation (byte) ? ' ' : c;
        if (mapped == ' ' && (out.empty() || out.back() == ' '))
            continue;
        out += mapped;
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out.empty() ? foldAscii (text) : out;
}

double matchScore (const library::Track& local, const SpotifyTrack& candidate)
{
    const auto title =
        diceSimilarity (normaliseForMatching (local.title), normaliseForMatching (candidate.name));
    double artist = 0.0;
    const auto wanted = firstArtist (local.artist);
    for (const auto& name : candidate.artists)
        artist = std::max (artist, diceSimilarity (wanted, normaliseForMatching (name)));
    if (local.artist.empty())
        artist = 0.5;
    return 0.5 * title + 0.3 * artist +
           0.2 * durationScore (local.features.durationSeconds, candidate.durationMs);
}

TrackResolver::TrackResolver (AccessTokenSource& source, ApiOptions apiOptions, Options chosen)
    : tokens (source)
    , api (std::move (apiOptions))
    , options (chosen)
{
    if (!api.pacer)
        api.pacer = std::make_shared<RequestPacer> (options.requestsPerSecond);
}

TrackResolver::TrackResolver (AccessTokenSource& source, ApiOptions apiOptions)
    : TrackResolver (source, std::move (apiOptions), Options())
{
}

Resolution TrackResolver::resolveOne (SpotifyApi& client, const library::Track& track,
                                      const Options& options, const std::atomic<bool>* cancel)
{
    Resolution resolution;
    if (!track.isrc.empty())
    {
        auto found = client.searchTracks ("isrc:" + track.isrc, 10, 0, cancel);
        if (!found)
        {
            resolution.status = Resolution::Status::failed;
            resolution.error = found.error().message;
            return resolution;
        }
        for (const auto& candidate : *found)
            if (candidate.isrc == track.isrc)
            {
                resolution.status = Resolution::Status::matched;
                resolution.match = candidate;
                resolution.score = 1.0;
                resolution.byIsrc = true;
                return resolution;
            }
    }

    std::vector<SpotifyTrack> candidates;
    const auto title = normaliseForMatching (track.title);
    for (const auto& query : {"track:" + quoted (track.title) + " artist:" + quoted (track.artist),
                              title + " " + firstArtist (track.artist)})
    {
        if (track.artist.empty() && query.starts_with ("track:"))
            continue;
        auto found = client.searchTracks (query, 10, 0, cancel);
        if (!found)
        {
            resolution.status = Resolution::Status::failed;
            resolution.error = found.error().message;
            return resolution;
        }
        candidates = std::move (*found);
        if (!candidates.empty())
            break;
    }

    std::vector<std::pair<double, SpotifyTrack>> scored;
    for (auto& candidate : candidates)
        scored.emplace_back (matchScore (track, candidate), std::move (candidate));
    std::stable_sort (scored.begin(), scored.end(),
                      [] (const auto& a, const auto& b) { return a.first > b.first; });
    if (scored.empty() || scored.front().first < options.considerScore)
        return resolution;

    const auto& [bestScore, best] = scored.front();
    bool close = false;
    for (std::size_t i = 1; i < scored.size(); ++i)
        if (scored[i].first >= bestScore - options.ambiguityMargin &&
            !sameRecording (best, scored[i].second))
            close = true;

    resolution.score = bestScore;
    if (bestScore >= options.acceptScore && !close)
    {
        resolution.status = Resolution::Status::matched;
        resolution.match = best;
        return resolution;
    }

    resolution.status = Resolution::Status::ambiguous;
    for (const auto& [score, candidate] : scored)
        if (score >= options.considerScore && resolution.candidates.size() < 5)
            resolution.candidates.push_back (candidate);
    return resolution;
}

std::vector<Resolution> TrackResolver::resolveAll (const std::vector<library::Track>& tracks,
                                                   const std::function<void (int, int)>& progress,
                                                   const std::atomic<bool>* cancel)
{
    std::vector<Resolution> results (tracks.size());
    std::atomic<std::size_t> next{0};
    std::atomic<int> done{0}, sent{0};
    std::mutex progressMutex;
    const auto total = static_cast<int> (tracks.size());

    auto work = [&]
    {
        SpotifyApi client (tokens, api);
        for (auto i = next++; i < tracks.size(); i = next++)
        {
            if (cancel != nullptr && cancel->load())
            {
                results[i].status = Resolution::Status::failed;
                results[i].error = "stopped";
                continue;
            }
            results[i] = resolveOne (client, tracks[i], options, cancel);
            const auto finished = ++done;
            if (progress)
            {
                std::lock_guard lock (progressMutex);
                progress (finished, total);
            }
        }
        sent += client.getRequestCount();
    };

    const auto workers = std::clamp (options.parallelCalls, 1, 16);
    std::vector<std::thread> threads;
    for (int i = 1; i < std::min (workers, std::max (1, total)); ++i)
        threads.emplace_back (work);
    work();
    for (auto& thread : threads)
        thread.join();
    requests = sent;
    return results;
}

} // namespace moodboard::spotify
