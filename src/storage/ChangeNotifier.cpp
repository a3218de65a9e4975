#include "storage/ChangeNotifier.h"
