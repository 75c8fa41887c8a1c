#pragma once

#include "Assistant/AssistantTools.h"
#include "Mood/LlmMoodReader.h"

#include <filesystem>

namespace moodboard::assistant
{

struct AssistantReply
{
    std::string text;
    std::vector<knowledge::CitedSource> sources; // only documents the user may read
    std::vector<std::string> toolCalls;          // "build_playlist", ... in order
    std::optional<PendingAction> pending;        // a write waiting for the user's confirmation
    std::string problem;                         // why the language model was not used
};

/** The chat that can act: it reads the mood, searches the library, builds and refines playlists,
    answers from the guides the user may read, and asks to write to Spotify through pending
    actions only.

    Without a language model it works fully offline: a few rules route each message to one tool
    (a question that asks for no playlist to ask_guides, "send it to Spotify" to push_to_spotify,
   "why the third one" to explain_track, anything else to build or refine the playlist). With an
   OpenAI-compatible model it offers the same tools through tool calling (at most four rounds a
   message), validating every call; what Spotify answers is never part of what the model is sent
   (the resolve tool returns counts). A failing model falls back to the rules, saying why.

    The conversation (the user's and the assistant's words, nothing from Spotify) is kept in
    `historyFile`, one per signed-in user, and erase() removes it. Not thread-safe: one assistant
    per conversation thread; any thread except the message and audio threads.
*/
class Assistant final
{
public:
    Assistant (AssistantServices services, std::filesystem::path historyFile,
               std::optional<mood::LlmSettings> model = std::nullopt);

    [[nodiscard]] AssistantReply say (const std::string& text);

    /** Hands a pending action to the shell, which shows it in its confirmation overlay or
        prompt and carries it out only when the user says yes; it is gone from the assistant
        either way. Nothing when there is no action with that id. */
    [[nodiscard]] std::optional<PendingAction> takePendingAction (const std::string& id);

    [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& getHistory() const
    {
        return history;
    }

    /** Forgets the conversation, the playlist and the pending actions, and deletes the file. */
    [[nodiscard]] Expected<void> erase();

    [[nodiscard]] const ToolBox& getTools() const { return tools; }

    /** The playlist built or refined last, empty before the first. The assistant's thread. */
    [[nodiscard]] const std::optional<matching::Playlist>& getPlaylist() const
    {
        return session.playlist;
    }

    /** Takes the playlist as the user edited it (tracks moved, removed or locked) as the current
        one, so explaining, refining and sending work on what the user sees. The assistant's
        thread. */
    void setPlaylist (matching::Playlist edited)
    {
        session.conversation.setOfferedTracks (matching::offeredTracksOf (edited));
        session.playlist = std::move (edited);
    }

    /** Takes a playlist built outside the chat (a mood preset, the mood map) for `target` as the
        current one: a refinement ("more upbeat") starts from that target and playlist, not from
        the conversation's last mood. The assistant's thread. */
    void adoptPlaylist (const std::string& label, const mood::MoodTarget& target,
                        matching::Playlist built)
    {
        session.conversation.adopt (label, target);
        setPlaylist (std::move (built));
    }

private:
    [[nodiscard]] AssistantReply answerLocally (const std::string& text);
    [[nodiscard]] std::optional<AssistantReply> answerWithModel (const std::string& text,
                                                                 std::string& problem);
    [[nodiscard]] std::string summarise (const std::string& tool,
                                         const nlohmann::json& result) const;
    void remember (const std::string& role, const std::string& text);

    ToolBox tools;
    ToolSession session;
    std::filesystem::path historyFile;
    std::optional<mood::LlmSettings> model;
    std::vector<std::pair<std::string, std::string>> history; // role, text
};

} // namespace moodboard::assistant
