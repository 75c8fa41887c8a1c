#include "Mood/MoodConversation.h"

#include "Core/AtomicFile.h"
#include "Mood/MoodRefinement.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace moodboard::mood
{
namespace
{
constexpr int stateVersion = 1;
constexpr std::size_t maxHistory = 50;
// Below this a message that is no refinement is not understood well enough to start over.
constexpr double newMoodConfidence = 0.25;

[[nodiscard]] bool isBlank (std::string_view text)
{
    return std::ranges::all_of (text, [] (char c)
                                { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

[[nodiscard]] std::string capitalised (std::string s)
{
    if (! s.empty() && s[0] >= 'a' && s[0] <= 'z')
        s[0] = static_cast<char> (s[0] - 'a' + 'A');
    return s;
}

[[nodiscard]] std::string joinSaid (const std::vector<std::string>& said)
{
    std::string out;
    for (std::size_t i = 0; i < said.size(); ++i)
        out += (i == 0 ? "" : i + 1 == said.size() ? " and " : ", ") + said[i];
    return out;
}

} // namespace

MoodConversation::MoodConversation (std::shared_ptr<const MoodParser> p) : parser (std::move (p))
{
    if (parser == nullptr)
        parser = std::make_shared<const MoodParser>();
}

void MoodConversation::setInterpreter (std::function<MoodTarget (std::string_view)> read)
{
    interpreter = std::move (read);
}

MoodTarget MoodConversation::interpret (std::string_view text) const
{
    return interpreter ? interpreter (text) : parser->parse (text);
}

void MoodConversation::setOfferedTracks (std::vector<OfferedTrack> tracks)
{
    offered = std::move (tracks);
}

ConversationReply MoodConversation::say (std::string_view text)
{
    if (isBlank (text))
    {
        ConversationReply reply;
        reply.target = target ? *target : parser->parse ("");
        reply.message = target ? "Nothing typed, so the playlist stays as it is."
                               : "Tell me how you feel or what the music is for.";
        reply.question = "How do you feel right now, or what is the music for?";
        return reply;
    }
    if (! target)
        return startOver (text);
    if (const auto change = readRefinement (text, parser->getLexicon()))
    {
        if (change->kind == MoodRefinement::Kind::undo)
            return undo (text);
        auto reply = refine (*change);
        // Only a changed target is worth stepping back to.
        const bool remember = reply.refined && change->kind != MoodRefinement::Kind::keep;
        return commit (text, std::move (reply), remember);
    }

    // "without metal", "no Artist X": exclusions alone narrow the current mood.
    const auto parsed = parser->parse (text);
    if (! parsed.exclude.empty() && ! parser->mentionsMood (text))
    {
        ConversationReply reply;
        reply.target = *target;
        std::string left;
        for (const auto& word : parsed.exclude)
            if (std::ranges::find (reply.target.exclude, word) == reply.target.exclude.end())
            {
                reply.target.exclude.push_back (word);
                left += (left.empty() ? "" : ", ") + word;
            }
        reply.message = left.empty() ? "Those are left out already."
                                     : "Same mood, leaving out " + left + ".";
        reply.target.explanation = reply.message;
        reply.refined = ! left.empty();
        const bool remember = reply.refined;
        return commit (text, std::move (reply), remember);
    }

    // The parser decides whether the text is a mood at all; only then is it read anew.
    if (parsed.confidence < newMoodConfidence)
    {
        ConversationReply reply;
        reply.target = *target;
        reply.message = "I did not catch a mood in that, so the playlist stays as it is.";
        reply.question = "Should it be calmer, brighter or more energetic?";
        return reply;
    }
    return startOver (text);
}

void MoodConversation::adopt (std::string_view label, MoodTarget made)
{
    ConversationReply reply;
    reply.target = std::move (made);
    (void) commit (label, std::move (reply));
}

ConversationReply MoodConversation::startOver (std::string_view text)
{
    ConversationReply reply;
    reply.target = interpret (text);
    reply.message = reply.target.explanation;
    if (reply.target.confidence < newMoodConfidence)
        reply.question = "Could you say it with a feeling or an activity, like calm, upbeat or "
                         "study?";
    return commit (text, std::move (reply));
}

ConversationReply MoodConversation::undo (std::string_view text)
{
    messages.emplace_back (text);
    ConversationReply reply;
    if (history.empty())
    {
        reply.target = *target;
        reply.message = "There is nothing to undo; the playlist stays as it is.";
        return reply;
    }
    reply.target = history.back().target;
    history.pop_back();
    target = reply.target;
    reply.message = "Back to the previous playlist: " + reply.target.explanation;
    reply.refined = true;
    return reply;
}

ConversationReply MoodConversation::refine (const MoodRefinement& change)
{
    ConversationReply reply;
    reply.target = *target;
    switch (change.kind)
    {
        case MoodRefinement::Kind::undo:
            break;

        case MoodRefinement::Kind::keep:
            reply.message = "Same mood, a fresh playlist.";
            reply.refined = true;
            return reply;

        case MoodRefinement::Kind::unclear:
            reply.message = "I kept the mood for now.";
            reply.question = "Should it be calmer, brighter or more energetic?";
            return reply;

        case MoodRefinement::Kind::likeTrack:
        {
            const auto n = *change.trackNumber;
            if (offered.empty())
            {
                reply.message = "I have not shown a playlist yet, so the mood stays as it is.";
                reply.question = "Which song do you mean?";
                return reply;
            }
            if (n == 0 || n > static_cast<int> (offered.size()))
            {
                reply.message = "The last playlist has " + std::to_string (offered.size())
                                + " tracks, so the mood stays as it is.";
                reply.question = "Which of them do you mean?";
                return reply;
            }
            const auto index = n < 0 ? offered.size() - 1 : static_cast<std::size_t> (n - 1);
            const auto& track = offered[index];
            auto& t = reply.target;
            t.end = track.point;
            t.start.reset();
            t.arc = Arc::steady;
            if (track.tempoBpm)
                t.tempoBpm = TempoRange { std::round (*track.tempoBpm * 0.92),
                                          std::round (*track.tempoBpm * 1.08) };
            t.danceability = track.danceability ? track.danceability : t.danceability;
            t.acousticness = track.acousticness ? track.acousticness : t.acousticness;
            const auto changed = describeChange (*target, t);
            reply.message = "More like \"" + track.title + "\""
                            + (changed.empty() ? "." : ": " + changed + ".");
            reply.refined = true;
            t.explanation = reply.message;
            return reply;
        }

        case MoodRefinement::Kind::adjust:
        {
            reply.target = applyRefinement (*target, change);
            const auto changed = describeChange (*target, reply.target);
            reply.message = capitalised (joinSaid (change.said))
                            + (changed.empty() ? ": already as far as it goes."
                                               : ": " + changed + ".");
            if (change.vocalsAmbiguous)
                reply.question = "Should I keep it fully instrumental?";
            reply.refined = true;
            reply.target.explanation = reply.message;
            return reply;
        }
    }
    return reply;
}

ConversationReply MoodConversation::commit (std::string_view text, ConversationReply reply,
                                            bool remember)
{
    messages.emplace_back (text);
    if (target && remember)
    {
        history.push_back ({ std::string (text), *target });
        if (history.size() > maxHistory)
            history.erase (history.begin());
    }
    target = reply.target;
    return reply;
}

nlohmann::json MoodConversation::toJson() const
{
    const auto optional = [] (const std::optional<double>& x)
    { return x ? nlohmann::json (*x) : nlohmann::json (nullptr); };

    auto turns = nlohmann::json::array();
    for (const auto& turn : history)
        turns.push_back ({ { "text", turn.text }, { "target", nlohmann::json (turn.target) } });
    auto tracks = nlohmann::json::array();
    for (const auto& t : offered)
        tracks.push_back ({ { "title", t.title }, { "valence", t.point.valence },
                            { "energy", t.point.energy }, { "tempo_bpm", optional (t.tempoBpm) },
                            { "danceability", optional (t.danceability) },
                            { "acousticness", optional (t.acousticness) } });
    return { { "version", stateVersion },
             { "messages", messages },
             { "history", std::move (turns) },
             { "current", target ? nlohmann::json (*target) : nlohmann::json (nullptr) },
             { "offered", std::move (tracks) } };
}

Expected<MoodConversation> MoodConversation::fromJson (const nlohmann::json& j,
                                                       std::shared_ptr<const MoodParser> parser)
{
    const auto bad = [] (const std::string& why)
    {
        return makeError (Error::Kind::corrupt, "the saved conversation is damaged (" + why
                                                    + "); start a new one with another name");
    };
    if (! j.is_object() || j.value ("version", 0) != stateVersion)
        return bad ("unknown version");

    MoodConversation conversation (std::move (parser));
    // nlohmann_json reports a missing key or a wrong type by throwing; it stops here.
    try
    {
        for (const auto& m : j.at ("messages"))
            conversation.messages.push_back (m.get<std::string>());
        for (const auto& turn : j.at ("history"))
        {
            auto t = moodTargetFromJson (turn.at ("target"));
            if (! t)
                return bad (t.error());
            conversation.history.push_back ({ turn.at ("text").get<std::string>(), *t });
        }
        if (! j.at ("current").is_null())
        {
            auto t = moodTargetFromJson (j.at ("current"));
            if (! t)
                return bad (t.error());
            conversation.target = *t;
        }
        for (const auto& t : j.at ("offered"))
        {
            const auto optional = [&] (const char* key) -> std::optional<double>
            {
                return t.at (key).is_null() ? std::nullopt
                                            : std::optional (t.at (key).get<double>());
            };
            OfferedTrack track;
            track.title = t.at ("title").get<std::string>();
            track.point = { t.at ("valence").get<double>(), t.at ("energy").get<double>() };
            track.tempoBpm = optional ("tempo_bpm");
            track.danceability = optional ("danceability");
            track.acousticness = optional ("acousticness");
            conversation.offered.push_back (std::move (track));
        }
    }
    catch (const nlohmann::json::exception&)
    {
        return bad ("a field is missing or has the wrong type");
    }
    return conversation;
}

Expected<void> MoodConversation::save (const std::filesystem::path& file) const
{
    std::error_code ec;
    std::filesystem::create_directories (file.parent_path(), ec);
    return writeFileAtomically (file, toJson().dump (2) + "\n");
}

Expected<MoodConversation> MoodConversation::load (const std::filesystem::path& file,
                                                   std::shared_ptr<const MoodParser> parser)
{
    std::ifstream in (file, std::ios::binary);
    if (! in)
        return makeError (Error::Kind::notFound, "no saved conversation at " + file.string());
    std::stringstream text;
    text << in.rdbuf();
    const auto j = nlohmann::json::parse (text.str(), nullptr, false);
    if (j.is_discarded())
        return makeError (Error::Kind::corrupt, "the saved conversation " + file.string()
                                                    + " is not valid JSON; start a new one with "
                                                      "another name");
    return fromJson (j, std::move (parser));
}

std::filesystem::path MoodConversation::fileFor (std::string_view name,
                                                const std::filesystem::path& folder)
{
    std::string safe;
    for (char c : name)
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || c == '-' || c == '_')
            safe += c;
    if (safe.empty())
        safe = "default";
    return folder / "conversations" / (safe.substr (0, 64) + ".json");
}

} // namespace moodboard::mood
