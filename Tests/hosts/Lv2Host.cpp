// A command-line LV2 host for the plugin check: loads the bundle through lilv, gives the plugin
// the features it requires (URID map, options with the block length bounds, bounded block
// length), and runs audio through it at several sample rates and block sizes, with the block size
// changing from one call to the next. The plugin passes audio through untouched, so every output
// sample must equal its input. Usage: moodboard_lv2_host PLUGIN-URI (LV2_PATH names the bundle's
// folder). Exit 0 when all blocks came back equal, 1 otherwise.

#include <lilv/lilv.h>
#include <lv2/atom/atom.h>
#include <lv2/buf-size/buf-size.h>
#include <lv2/core/lv2.h>
#include <lv2/options/options.h>
#include <lv2/urid/urid.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

namespace
{
std::map<std::string, LV2_URID> urids;

LV2_URID mapUri (LV2_URID_Map_Handle, const char* uri)
{
    const auto found = urids.find (uri);
    if (found != urids.end())
        return found->second;
    const auto id = static_cast<LV2_URID> (urids.size() + 1);
    urids.emplace (uri, id);
    return id;
}

constexpr int maxBlock = 8192;

// One instance at `rate`: returns the largest difference between input and output.
double runAt (const LilvPlugin* plugin, LilvWorld* world, double rate, int& blocks)
{
    LV2_URID_Map map{nullptr, mapUri};
    const int32_t minimum = 1, maximum = maxBlock;
    const LV2_URID intType = mapUri (nullptr, LV2_ATOM__Int);
    const LV2_Options_Option options[] = {
        {LV2_OPTIONS_INSTANCE, 0, mapUri (nullptr, LV2_BUF_SIZE__minBlockLength), sizeof (int32_t),
         intType, &minimum},
        {LV2_OPTIONS_INSTANCE, 0, mapUri (nullptr, LV2_BUF_SIZE__maxBlockLength), sizeof (int32_t),
         intType, &maximum},
        {LV2_OPTIONS_INSTANCE, 0, 0, 0, 0, nullptr}};
    const LV2_Feature mapFeature{LV2_URID__map, &map};
    const LV2_Feature optionsFeature{LV2_OPTIONS__options,
                                     const_cast<LV2_Options_Option*> (options)};
    const LV2_Feature boundedFeature{LV2_BUF_SIZE__boundedBlockLength, nullptr};
    const LV2_Feature* features[] = {&mapFeature, &optionsFeature, &boundedFeature, nullptr};

    LilvInstance* instance = lilv_plugin_instantiate (plugin, rate, features);
    if (instance == nullptr)
    {
        std::fprintf (stderr, "lv2 host: the plugin did not instantiate at %.0f Hz\n", rate);
        return INFINITY;
    }

    LilvNode* audio = lilv_new_uri (world, LV2_CORE__AudioPort);
    LilvNode* input = lilv_new_uri (world, LV2_CORE__InputPort);
    LilvNode* atom = lilv_new_uri (world, LV2_ATOM__AtomPort);
    LilvNode* control = lilv_new_uri (world, LV2_CORE__ControlPort);

    const auto ports = lilv_plugin_get_num_ports (plugin);
    std::vector<std::vector<float>> audioIn, audioOut;
    std::vector<std::vector<uint8_t>> atoms (ports);
    std::vector<float> controls (ports, 0.0f);
    std::vector<int> inPorts, outPorts;
    for (uint32_t p = 0; p < ports; ++p)
    {
        const LilvPort* port = lilv_plugin_get_port_by_index (plugin, p);
        const bool isInput = lilv_port_is_a (plugin, port, input);
        if (lilv_port_is_a (plugin, port, audio))
            (isInput ? inPorts : outPorts).push_back ((int) p);
        else if (lilv_port_is_a (plugin, port, atom))
        {
            atoms[p].assign (8192, 0);
            auto* sequence = reinterpret_cast<LV2_Atom_Sequence*> (atoms[p].data());
            // An input is an empty sequence; an output offers its capacity as a chunk.
            sequence->atom.size = isInput ? sizeof (LV2_Atom_Sequence_Body)
                                          : (uint32_t) (atoms[p].size() - sizeof (LV2_Atom));
            sequence->atom.type =
                isInput ? mapUri (nullptr, LV2_ATOM__Sequence) : mapUri (nullptr, LV2_ATOM__Chunk);
            lilv_instance_connect_port (instance, p, atoms[p].data());
        }
        else if (lilv_port_is_a (plugin, port, control))
            lilv_instance_connect_port (instance, p, &controls[p]);
    }
    audioIn.assign (inPorts.size(), std::vector<float> (maxBlock));
    audioOut.assign (outPorts.size(), std::vector<float> (maxBlock));
    for (std::size_t i = 0; i < inPorts.size(); ++i)
        lilv_instance_connect_port (instance, (uint32_t) inPorts[i], audioIn[i].data());
    for (std::size_t i = 0; i < outPorts.size(); ++i)
        lilv_instance_connect_port (instance, (uint32_t) outPorts[i], audioOut[i].data());

    lilv_instance_activate (instance);
    double worst = 0.0;
    long position = 0;
    const int sizes[] = {64, 1, 512, 8192, 333, 128, 0, 2048, 7, 4096};
    for (int round = 0; round < 30; ++round)
    {
        const int frames = sizes[round % 10];
        for (std::size_t c = 0; c < audioIn.size(); ++c)
            for (int i = 0; i < frames; ++i)
                audioIn[c][(std::size_t) i] = 0.5f * std::sin (2.0 * M_PI * (220.0 * (c + 1)) *
                                                               (double) (position + i) / rate);
        for (uint32_t p = 0; p < ports; ++p)
            if (!atoms[p].empty())
            {
                auto* sequence = reinterpret_cast<LV2_Atom_Sequence*> (atoms[p].data());
                if (sequence->atom.type == mapUri (nullptr, LV2_ATOM__Sequence) &&
                    lilv_port_is_a (plugin, lilv_plugin_get_port_by_index (plugin, p), input))
                    sequence->atom.size = sizeof (LV2_Atom_Sequence_Body);
                else
                {
                    sequence->atom.size = (uint32_t) (atoms[p].size() - sizeof (LV2_Atom));
                    sequence->atom.type = mapUri (nullptr, LV2_ATOM__Chunk);
                }
            }
        lilv_instance_run (instance, (uint32_t) frames);
        ++blocks;
        for (std::size_t c = 0; c < std::min (audioIn.size(), audioOut.size()); ++c)
            for (int i = 0; i < frames; ++i)
                worst = std::max (worst, (double) std::fabs (audioOut[c][(std::size_t) i] -
                                                             audioIn[c][(std::size_t) i]));
        position += frames;
    }
    lilv_instance_deactivate (instance);
    lilv_instance_free (instance);
    lilv_node_free (audio);
    lilv_node_free (input);
    lilv_node_free (atom);
    lilv_node_free (control);
    if (inPorts.size() != 2 || outPorts.size() != 2)
    {
        std::fprintf (stderr,
                      "lv2 host: expected 2 audio inputs and 2 outputs, found %zu and %zu\n",
                      inPorts.size(), outPorts.size());
        return INFINITY;
    }
    return worst;
}
} // namespace

int main (int argc, char** argv)
{
    if (argc != 2)
    {
        std::fprintf (stderr, "usage: moodboard_lv2_host PLUGIN-URI (with LV2_PATH set)\n");
        return 2;
    }

    LilvWorld* world = lilv_world_new();
    lilv_world_load_all (world);
    LilvNode* uri = lilv_new_uri (world, argv[1]);
    const LilvPlugin* plugin = lilv_plugins_get_by_uri (lilv_world_get_all_plugins (world), uri);
    if (plugin == nullptr)
    {
        std::fprintf (stderr, "lv2 host: %s is not in LV2_PATH\n", argv[1]);
        return 1;
    }
    if (!lilv_plugin_verify (plugin))
    {
        std::fprintf (stderr, "lv2 host: lilv could not verify the plugin's data\n");
        return 1;
    }

    int status = 0;
    for (const double rate : {44100.0, 48000.0, 96000.0, 22050.0})
    {
        int blocks = 0;
        const auto worst = runAt (plugin, world, rate, blocks);
        std::printf ("lv2 host: %.0f Hz, %d blocks of 0 to %d frames, largest difference %g\n",
                     rate, blocks, maxBlock, worst);
        if (!(worst == 0.0))
            status = 1;
    }
    lilv_node_free (uri);
    lilv_world_free (world);
    return status;
}
