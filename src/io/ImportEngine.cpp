#include "io/ImportEngine.h"
