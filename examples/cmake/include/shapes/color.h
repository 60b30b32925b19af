#ifndef SHAPES_COLOR_H
#define SHAPES_COLOR_H

#include <stdbool.h>
#include <stdint.h>

enum shapes_channel { SHAPES_RED, SHAPES_GREEN, SHAPES_BLUE };

/* Packs 8-bit channels into 0xRRGGBB. */
uint32_t shapes_pack_rgb(uint8_t red, uint8_t green, uint8_t blue);

/* The name of a channel ("red", "green", "blue"). */
const char *shapes_channel_name(enum shapes_channel channel);

bool shapes_is_gray(uint32_t rgb);

#endif
