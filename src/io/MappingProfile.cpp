#include "io/MappingProfile.h"
