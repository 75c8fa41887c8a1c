#include "Auth/SignIn.h"
#include "Cli/Arguments.h"
#include "Cli/Commands.h"
#include "Cli/SendToSpotify.h"
#include "Core/Paths.h"
#include "Library/Catalog.h"
#include "Spotify/SpotifyAccount.h"
#include "Spotify/SpotifyFeatures.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <iostream>

namespace moodboard::cli
{
namespace
{
constexpr const char* usage = "usage: moodboard spotify me\n"
                              "       moodboard spotify search \"QUERY\" [--json]\n"
                              "       moodboard spotify saved|recent|top [--limit N] [--json]";

std::string minutesSeconds (int durationMs)
{
    const auto seconds = (durationMs + 500) / 1000;
    return std::to_string (seconds / 60) + ":" + (seconds % 60 < 10 ? "0" : "") +
           std::to_string (seconds % 60);
}

void printTracks (const std::vector<spotify::FeaturedTrack>& tracks, bool asJson)
{
    if (asJson)
    {
        auto out = nlohmann::json::array();
        for (const auto& t : tracks)
            out.push_back (
                {{"id", t.track.id},
                 {"uri", t.track.uri},
                 {"name", t.track.name},
                 {"artists", t.track.artists},
                 {"album", t.track.album},
                 {"duration_ms", t.track.durationMs},
                 {"isrc", t.track.isrc},
                 {"features_from", spotify::originName (t.origin)},
                 {"features", t.features ? nlohmann::json (*t.features) : nlohmann::json()}});
        std::cout << out.dump (2) << "\n";
        return;
    }

    int n = 0;
    for (const auto& t : tracks)
        std::cout << ++n << ". " << t.track.name << " - " << t.track.artistLine() << " ("
                  << minutesSeconds (t.track.durationMs)
                  << ", features: " << spotify::originName (t.origin) << ")\n";
    if (tracks.empty())
        std::cout << "No tracks.\n";
}
} // namespace

int runSpotify (const std::vector<std::string>& args)
{
    if (args.empty())
    {
        printError ("spotify needs a subcommand");
        std::cerr << usage << "\n";
        return 2;
    }

    const auto& what = args[0];
    bool asJson = false;
    int limit = 50;
    std::string query;
    for (std::size_t i = 1; i < args.size(); ++i)
    {
        if (args[i] == "--json")
            asJson = true;
        else if (args[i] == "--limit" && i + 1 < args.size())
        {
            const auto n = parseNumber (args[++i]);
            if (!n || *n < 1 || *n > 10000 || std::floor (*n) != *n)
            {
                printError ("--limit takes a whole number from 1 to 10000");
                return 2;
            }
            limit = static_cast<int> (*n);
        }
        else if (args[i].starts_with ("--"))
        {
            printError ("unknown option " + args[i]);
            std::cerr << usage << "\n";
            return 2;
        }
        else
            query += (query.empty() ? "" : " ") + args[i];
    }

    const bool known =
        what == "me" || what == "search" || what == "saved" || what == "recent" || what == "top";
    if (!known || (what == "search") == query.empty())
    {
        printError (!known          ? "spotify does not know '" + what + "'"
                    : query.empty() ? "search needs a query, for example: moodboard spotify "
                                      "search \"Nina Simone Feeling Good\""
                                    : what + " takes no text");
        std::cerr << usage << "\n";
        return 2;
    }

    auto account = openSpotifyAccount();
    if (!account)
        return 1;
    spotify::SpotifyApi api (account->getTokens(), account->apiOptions());

    if (what == "me")
    {
        auto user = api.getCurrentUser();
        if (!user)
        {
            printError (user.error().message);
            return 1;
        }
        std::cout << (user->displayName.empty() ? user->id : user->displayName) << " (Spotify user "
                  << user->id << (user->country.empty() ? "" : ", " + user->country) << ")\n";
        return 0;
    }

    auto tracks = what == "search"   ? api.searchTracks (query, std::min (limit, 10))
                  : what == "saved"  ? api.getSavedTracks (limit)
                  : what == "recent" ? api.getRecentlyPlayed (limit)
                                     : api.getTopTracks (limit);
    if (!tracks)
    {
        printError (tracks.error().message);
        return 1;
    }

    std::vector<library::Track> local;
    if (auto catalog = library::Catalog::open (Paths::catalogFile()))
        local = (*catalog)->getAllTracks();
    auto featured = spotify::attachFeatures (api, *tracks, local,
                                             account->getDataFolder() / "spotify-state.json");
    if (!featured)
    {
        printError (featured.error().message);
        return 1;
    }
    printTracks (*featured, asJson);
    return 0;
}

} // namespace moodboard::cli
