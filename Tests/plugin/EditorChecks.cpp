#include "PluginChecks.h"

#include "HarnessSupport.h"
#include "ChatPanel.h"

#include <algorithm>
#include <cstdio>

namespace moodboard::harness
{

// The editor is opened on the desktop, painted, left to run its timers and closed, 50 times,
// while another thread processes audio without pause, as when a user opens and closes a plugin
// window during playback. Memory is read after the first opening (fonts, caches and the
// services' first work are paid for once) and after the last.
void checkEditorOpenedWhileProcessing()
{
    constexpr int openings = 50;
    constexpr std::int64_t residentBound = 8 * 1024 * 1024;
    constexpr std::int64_t heapBound = 2 * 1024 * 1024;

    auto processor = makeProcessor();
    processor->setPlayConfigDetails (2, 2, 48000.0, 8192);
    processor->prepareToPlay (48000.0, 8192);

    AudioThread audio (*processor);
    std::int64_t residentAfterFirst = 0, heapEarly = -1, heapLate = -1;
    int painted = 0, editors = 0, leftOpen = 0;

    for (int i = 0; i < openings; ++i)
    {
        {
            EditorWindow window (*processor);
            editors += window.hasEditor() ? 1 : 0;
            painted += window.waitForFirstPaint (5000) ? 1 : 0;
            // Long enough for the editor's timers and the services' first answers to arrive
            // while it is open; some arrive after it closed and must be dropped safely.
            pumpMessages (40);
        }
        leftOpen += processor->getActiveEditor() != nullptr ? 1 : 0;
        pumpMessages (10);

        // The live analyser allocates its working buffers for each analysis (every 3 s) on its
        // own thread, so one reading of the heap can be 4-5 MB off; the least of ten readings
        // is taken instead, early and late, which a leak would raise and a passing analysis not.
        const auto heap = getHeapInUseBytes();
        auto& least = i < 10 ? heapEarly : heapLate;
        if (i < 10 || i >= openings - 10)
            least = least < 0 ? heap : std::min (least, heap);

        if (i == 0)
        {
            pumpMessages (200);
            residentAfterFirst = getResidentBytes();
        }
    }

    pumpMessages (200);
    const auto residentGrowth = getResidentBytes() - residentAfterFirst;
    const auto heapGrowth = heapLate - heapEarly;
    const auto blocks = audio.getNumBlocks();
    audio.stop();

    check (editors == openings, "the editor was created " + std::to_string (editors) + " of "
                                    + std::to_string (openings) + " times");
    check (painted == openings, "the editor was painted on the desktop " + std::to_string (painted)
                                    + " of " + std::to_string (openings) + " times");
    check (leftOpen == 0, "the processor forgot its editor after each closing ("
                              + std::to_string (leftOpen) + " remembered)");
    check (blocks > 1000, "the audio thread processed " + std::to_string (blocks)
                              + " blocks while the editor came and went");
    check (audio.getNumWrongBlocks() == 0,
           "audio passed through unchanged in every block while the editor came and went ("
               + std::to_string (audio.getNumWrongBlocks()) + " wrong)");

    std::printf ("editor_reopen_resident_growth: %.2f MB\n", (double) residentGrowth / 1048576.0);
    std::printf ("editor_reopen_heap_growth: %.2f MB\n", (double) heapGrowth / 1048576.0);
    check (residentGrowth < residentBound,
           "resident memory grew " + std::to_string (residentGrowth / 1024)
               + " KiB over 49 reopenings (bound 8192 KiB)");
    check (heapGrowth < heapBound, "least heap in use of the last ten openings is "
                                       + std::to_string (heapGrowth / 1024)
                                       + " KiB above that of the first ten (bound 2048 KiB)");

    processor->releaseResources();
}

// A blank message is not sent: the box is cleared and the chat answers with a hint, as the
// command line does; a real one is sent trimmed.
void checkBlankChatMessage()
{
    plugin::ChatPanel chat;
    chat.setSize (400, 600);
    juce::StringArray sent;
    chat.onSend = [&sent] (const juce::String& text) { sent.add (text); };
    auto& box = chat.getInput();

    box.setText ("   ");
    box.onReturnKey();
    check (sent.isEmpty() && box.isEmpty(),
           "a message of spaces is not sent and the box is cleared (" + std::to_string (sent.size())
               + " sent, box '" + box.getText().toStdString() + "')");
    const auto hint = chat.getHistory().getLastMessage();
    check (hint.startsWith ("Nothing typed."),
           "the chat answers a blank message with a hint ('" + hint.toStdString() + "')");

    const auto shown = chat.getHistory().getNumMessages();
    box.setText (" ");
    box.onReturnKey();
    check (chat.getHistory().getNumMessages() == shown && box.isEmpty(),
           "a second blank message does not stack the same hint ("
               + std::to_string (chat.getHistory().getNumMessages() - shown) + " added)");

    box.setText ("  calm  ");
    box.onReturnKey();
    check (sent == juce::StringArray ("calm") && box.isEmpty(),
           "a real message is sent trimmed and the box cleared");
}

} // namespace moodboard::harness
