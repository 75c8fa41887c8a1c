#pragma once

#include <juce_events/juce_events.h>

#include <atomic>
#include <mutex>

namespace moodboard::plugin
{

/** Who is signed in, and the browser sign-in and sign-out, on a thread of its own.

    The sign-in blocks until the browser comes back (up to five minutes), and the keyring may
    block too, so neither runs on the message thread. Tokens never leave the core's SignIn: the
    service and the interface see only a display name and the provider. Progress is published as
    a Status snapshot with a coalesced change message on the message thread.
*/
class AccountService final : public juce::ChangeBroadcaster
{
public:
    enum class State
    {
        unknown,        // not looked up yet
        notConfigured,  // no Auth0 or Spotify client in the settings (README: Signing in)
        signedOut,
        signingIn,      // waiting for the browser
        signedIn
    };

    struct Status
    {
        State state = State::unknown;
        juce::String user;      // "Name (auth0)" when signed in
        juce::String address;   // the sign-in address, when the browser could not be opened
        juce::String message;   // the last problem or outcome, for the chat; empty when none
    };

    AccountService();
    ~AccountService() override;

    /** A copy of the current status. Any thread. */
    [[nodiscard]] Status getStatus() const;

    /** Looks up the stored sign-in. Any thread. */
    void refresh();

    /** Starts the browser sign-in with Auth0 when it is configured, else Spotify.
        Message thread. */
    void signIn();

    /** Stops a sign-in that waits for the browser. Any thread. */
    void cancelSignIn();

    /** Revokes and forgets every stored sign-in. Message thread. */
    void signOut();

private:
    void publish (const Status&);

    mutable std::mutex statusLock;
    Status status;
    std::atomic<bool> cancel { false };
    juce::ThreadPool pool { 1 };

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (AccountService)
};

} // namespace moodboard::plugin
