#pragma once

#include "Core/Error.h"

#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace moodboard::spotify
{

enum class Playback
{
    none,
    play, // start the playlist on the user's active device
    queue // add its tracks to the queue of the active device
};

/** Everything one push will write to the user's Spotify account, and everything the user is
    shown before confirming it. Holds no secret. */
struct PushPlan
{
    std::string accountName; // who it goes to, as the user knows the account
    std::string name;        // the playlist's name
    std::string description;
    std::vector<std::string> uris;       // spotify:track:..., in playing order
    std::vector<std::string> unresolved; // "Artist - Title" of the tracks left out
    double totalSeconds = 0.0;           // of the tracks that will be added
    std::string coverJpegBase64;         // empty: no cover is uploaded
    Playback playback = Playback::none;
    bool isPublic = false;
    /** Non-empty: the tracks of this existing playlist (sent earlier) are replaced instead of a
        new playlist being created. */
    std::string updatesPlaylistId;

    /** SHA-256 over every field that changes what is written: a confirmation is valid for this
        plan and no other. Any thread. */
    [[nodiscard]] std::string digest() const;

    /** The overlay's and the prompt's text, one fact a line: account, name, track count, length,
        unresolved tracks, cover, playback, new or updated playlist. Any thread. */
    [[nodiscard]] std::vector<std::string> describe() const;
};

void to_json (nlohmann::json&, const PushPlan&);
void from_json (const nlohmann::json&, PushPlan&);

/** Proof that the user saw one PushPlan and said yes, in the confirmation overlay or at the
    terminal prompt. It can only be made by requestConfirmation(), can be moved but not copied,
    and PlaylistWriter spends it: one confirmation, one push. */
class PushConfirmation final
{
public:
    PushConfirmation (PushConfirmation&&) noexcept = default;
    PushConfirmation& operator= (PushConfirmation&&) noexcept = default;
    PushConfirmation (const PushConfirmation&) = delete;
    PushConfirmation& operator= (const PushConfirmation&) = delete;

    [[nodiscard]] const std::string& getPlanDigest() const { return planDigest; }

private:
    friend class ConfirmationPrompt;
    explicit PushConfirmation (std::string digest)
        : planDigest (std::move (digest))
    {
    }
    std::string planDigest;
};

/** What asks the user: the app's overlay, the plugin's overlay, the CLI's terminal prompt (or
    `--yes`, which is the user's own answer given in advance on the command line).

    ask() shows the plan's describe() lines and returns the user's answer; it may block the
    calling worker thread while the message thread shows the overlay. A language model, the
    assistant's tools and anything else that is not the user never implement this.
*/
class ConfirmationPrompt
{
public:
    virtual ~ConfirmationPrompt() = default;

    /** Asks about `plan` and, when the user says yes, returns the confirmation for exactly that
        plan. Any thread the implementation allows. */
    [[nodiscard]] std::optional<PushConfirmation> requestConfirmation (const PushPlan& plan);

protected:
    [[nodiscard]] virtual bool ask (const PushPlan& plan) = 0;
};

} // namespace moodboard::spotify
