#pragma once

#include "Core/Error.h"
#include "Mood/MoodParser.h"
#include "Mood/MoodTarget.h"

#include <nlohmann/json_fwd.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace moodboard::mood
{

struct MoodRefinement;

/** What the conversation knows about one track of the playlist it last offered, so that
    "like the third one" can aim at it.
*/
struct OfferedTrack
{
    std::string title;
    MoodPoint point;
    std::optional<double> tempoBpm;
    std::optional<double> danceability;
    std::optional<double> acousticness;
};

/** The answer to one turn. */
struct ConversationReply
{
    MoodTarget target;              // always set: what the next playlist should be
    std::string message;            // what changed, in one or two sentences
    std::optional<std::string> question;  // one short question when the request was ambiguous
    bool refined = false;           // true when the turn changed the previous target
};

/** A conversation about one playlist: the first message is read by the MoodParser, later ones
    refine the current target ("more upbeat", "less vocals", "shorter", "darker", "like the third
    one", "undo") instead of starting over; a message that reads as a new mood starts over.

    Keeps every target it offered so that "undo" can step back. Not thread-safe: one
    conversation belongs to one thread at a time (the chat's worker or the terminal loop).
*/
class MoodConversation final
{
public:
    /** A conversation over the given parser, or the built-in one when null. Any thread. */
    explicit MoodConversation (std::shared_ptr<const MoodParser> parser = nullptr);

    /** Reads one message and returns the reply. Never throws. The owning thread. */
    [[nodiscard]] ConversationReply say (std::string_view text);

    /** Reads new moods (not refinements) with `read` instead of the parser, for example through
        a language model that falls back to the parser. The owning thread.
    */
    void setInterpreter (std::function<MoodTarget (std::string_view)> read);

    /** Takes a target made outside the conversation (a mood preset, a point on the mood map,
        the session's mood) as the current one, named `label`: the next refinement starts from
        it and "undo" steps back to the target before it. The owning thread.
    */
    void adopt (std::string_view label, MoodTarget made);

    /** The tracks of the playlist last shown, in order, for "like the third one".
        The owning thread.
    */
    void setOfferedTracks (std::vector<OfferedTrack> tracks);

    /** The target now in force, empty before the first message. The owning thread. */
    [[nodiscard]] const std::optional<MoodTarget>& current() const noexcept { return target; }

    /** How many targets "undo" can step back through. The owning thread. */
    [[nodiscard]] std::size_t historySize() const noexcept { return history.size(); }

    /** The state as JSON: version, the messages, the targets and the offered tracks.
        The owning thread.
    */
    [[nodiscard]] nlohmann::json toJson() const;

    /** Restores a conversation from toJson's shape; an error says what is wrong with it.
        Any thread.
    */
    [[nodiscard]] static Expected<MoodConversation> fromJson (
        const nlohmann::json&, std::shared_ptr<const MoodParser> parser = nullptr);

    /** Writes the state atomically to `file`. The owning thread. */
    [[nodiscard]] Expected<void> save (const std::filesystem::path& file) const;

    /** Reads a saved conversation; a missing file is an Error::Kind::notFound. Any thread. */
    [[nodiscard]] static Expected<MoodConversation> load (
        const std::filesystem::path& file, std::shared_ptr<const MoodParser> parser = nullptr);

    /** Where a named conversation is kept: FOLDER/conversations/NAME.json, with NAME reduced to
        letters, digits, '-' and '_'. FOLDER is the signed-in user's own data folder, or
        Paths::stateDir() when nobody is signed in. Any thread.
    */
    [[nodiscard]] static std::filesystem::path fileFor (std::string_view name,
                                                        const std::filesystem::path& folder);

private:
    struct Turn
    {
        std::string text;
        MoodTarget target;
    };

    [[nodiscard]] ConversationReply startOver (std::string_view text);
    [[nodiscard]] ConversationReply undo (std::string_view text);
    [[nodiscard]] ConversationReply refine (const MoodRefinement& change);
    [[nodiscard]] ConversationReply commit (std::string_view text, ConversationReply reply,
                                            bool remember = true);

    [[nodiscard]] MoodTarget interpret (std::string_view text) const;

    std::shared_ptr<const MoodParser> parser;
    std::function<MoodTarget (std::string_view)> interpreter;
    std::optional<MoodTarget> target;
    std::vector<Turn> history;   // earlier targets, oldest first; the current one is not in it
    std::vector<std::string> messages;
    std::vector<OfferedTrack> offered;
};

} // namespace moodboard::mood
