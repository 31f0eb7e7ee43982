/// The words the sample catalog is written with: one vocabulary per sub-category, so that items of
/// one interest share a language a text encoder can pick up, and items of different ones do not.
struct Vocabulary: Sendable {
    /// How descriptions read: as a product sheet or as a blurb for a story, film or album.
    enum Style: Sendable { case product, story }

    /// Category path, e.g. `Electronics>Phones`.
    let path: String
    let style: Style
    /// What one item is ("smartphone", "novel").
    let kinds: [String]
    /// First and second halves of titles; every title pairs one of each.
    let titleStarts: [String]
    let titleEnds: [String]
    /// Noun phrases that describe an item ("a 6.1-inch OLED screen", "a crew of smugglers").
    let features: [String]
    /// What it is for, or what to expect ("long commutes", "tense space battles").
    let uses: [String]
    /// Who it suits ("students on a budget").
    let audiences: [String]
    /// What a person looking for it types into a search box.
    let searches: [String]

    /// The last level of the path, e.g. `Phones`.
    var name: String { String(path.split(separator: ">").last!) }
}

extension Vocabulary {
    // Short constructors keep the tables readable.
    static func product(
        _ path: String, kinds: [String], starts: [String], ends: [String], features: [String],
        uses: [String], audiences: [String], searches: [String]
    ) -> Vocabulary {
        Vocabulary(
            path: path, style: .product, kinds: kinds, titleStarts: starts, titleEnds: ends, features: features,
            uses: uses, audiences: audiences, searches: searches)
    }

    static func story(
        _ path: String, kinds: [String], starts: [String], ends: [String], features: [String],
        uses: [String], audiences: [String], searches: [String]
    ) -> Vocabulary {
        Vocabulary(
            path: path, style: .story, kinds: kinds, titleStarts: starts, titleEnds: ends, features: features,
            uses: uses, audiences: audiences, searches: searches)
    }

    /// The English sample's 36 sub-categories under 12 categories; every other language's table
    /// follows this one entry for entry.
    static let english: [Vocabulary] = [
        product(
            "Electronics>Phones", kinds: ["smartphone", "phone"],
            starts: ["Aurora", "Pixelon", "Nova", "Quanta", "Lumen"], ends: ["X2", "Pro Max", "Lite", "S5", "Fold"],
            features: [
                "a 6.1-inch OLED screen", "a triple camera that handles low light well",
                "a battery that lasts two days",
                "fast wireless charging", "a dust- and water-resistant body", "five years of software updates"
            ],
            uses: [
                "taking photos at concerts", "long commutes with mobile games", "video calls with family",
                "navigating a new city"
            ],
            audiences: ["students on a budget", "people who live on their phone", "parents buying a first phone"],
            searches: ["phone with good camera", "smartphone long battery", "unlocked android phone"]),
        product(
            "Electronics>Laptops", kinds: ["laptop", "notebook"],
            starts: ["Vertex", "Strato", "Kestrel", "Orbit", "Cobalt"],
            ends: ["Book 14", "Air 13", "Studio 16", "Flex", "Ultra"],
            features: [
                "a backlit keyboard with deep travel", "sixteen gigabytes of memory", "a matte 2K display",
                "a fanless aluminium chassis", "a fast SSD that boots in seconds", "a full set of ports including HDMI"
            ],
            uses: [
                "writing a thesis", "editing photos on the road", "coding late into the night",
                "office work and spreadsheets"
            ],
            audiences: ["software developers", "university students", "remote workers"],
            searches: ["lightweight laptop for programming", "laptop 16gb ram", "ultrabook long battery"]),
        product(
            "Electronics>Headphones", kinds: ["pair of headphones", "headset"],
            starts: ["Echo", "Silent", "Bassline", "Halo", "Tempo"],
            ends: ["ANC 700", "Buds", "Studio", "Over-Ear", "Sport"],
            features: [
                "active noise cancelling", "a thirty-hour battery", "soft memory-foam ear cushions",
                "a warm, detailed sound", "multipoint Bluetooth pairing", "a foldable frame with a hard case"
            ],
            uses: [
                "long flights", "focusing in an open-plan office", "listening to podcasts on a run",
                "mixing music at home"
            ],
            audiences: ["frequent travellers", "audiophiles", "commuters"],
            searches: ["noise cancelling headphones", "wireless earbuds", "headphones for travel"]),
        story(
            "Books>Science Fiction", kinds: ["novel", "space adventure"],
            starts: ["The Silent", "Beyond the", "Children of the", "The Last", "Echoes of the"],
            ends: ["Nebula", "Star Harbor", "Red Planet", "Generation Ship", "Quantum Gate"],
            features: [
                "a crew of smugglers on a failing starship", "first contact with a patient alien mind",
                "a colony that forgot where it came from", "an AI that wants to be trusted",
                "a war fought across centuries of light-lag",
                "an engineer stranded on Mars"
            ],
            uses: [
                "big ideas about time and distance", "hard science told with heart",
                "a twisty plot across star systems", "a long weekend of reading"
            ],
            audiences: [
                "fans of hard science fiction", "readers who grew up on space operas", "anyone curious about the future"
            ],
            searches: ["science fiction novel space", "hard sci-fi book", "first contact novel"]),
        story(
            "Books>Mystery", kinds: ["mystery novel", "detective story"],
            starts: ["Murder at", "The Secret of", "Death in", "A Body in", "The Case of"],
            ends: ["Hollow Lane", "the Lighthouse", "the Library", "Winter Garden", "the Night Train"],
            features: [
                "a retired inspector who cannot let go", "a locked-room puzzle", "a village full of liars",
                "clues hidden in plain sight", "a twist in the final chapter", "a sharp and funny amateur sleuth"
            ],
            uses: [
                "guessing the culprit until the end", "cosy evenings by the fire", "a page-turner for the beach",
                "red herrings and fair clues"
            ],
            audiences: ["lovers of classic whodunits", "crime fiction readers", "book clubs"],
            searches: ["cozy mystery book", "detective novel", "whodunit"]),
        story(
            "Books>History", kinds: ["history book", "narrative history"],
            starts: ["The Rise of", "Empires of", "The Year of", "Voices from", "The Road to"],
            ends: ["Rome", "the Silk Road", "the Revolution", "the Pharaohs", "the Medieval World"],
            features: [
                "letters and diaries of ordinary people", "fresh archival research",
                "vivid portraits of rulers and rebels",
                "maps of every campaign", "the daily life of a lost city", "a balanced view of a contested era"
            ],
            uses: [
                "understanding how the present was made", "long evenings with a big book",
                "history that reads like a novel", "classroom background reading"
            ],
            audiences: ["history enthusiasts", "teachers and students", "readers of biographies"],
            searches: ["history book ancient rome", "narrative history", "medieval history book"]),
        story(
            "Movies>Space Opera", kinds: ["film", "space opera"],
            starts: ["Starfall:", "Galaxy", "The Dark", "Rebels of", "Return to"],
            ends: ["The Last Fleet", "Horizon", "Nebula", "Andromeda", "the Outer Rim"],
            features: [
                "starship battles over a burning moon", "a smuggler who becomes a reluctant hero",
                "a galactic empire on the edge of collapse",
                "a young pilot with a secret past", "stunning practical effects", "a sweeping orchestral score"
            ],
            uses: [
                "tense space battles and quiet moments", "a big-screen adventure for the weekend",
                "laser fights and lost worlds", "a saga you can binge"
            ],
            audiences: ["fans of space adventures", "science fiction moviegoers", "families with older kids"],
            searches: ["space opera movie", "sci-fi space battle film", "galaxy adventure movie"]),
        story(
            "Movies>Animation", kinds: ["animated film", "family film"],
            starts: ["The Brave Little", "Paws and", "Ollie and the", "Kingdom of", "The Tiny"],
            ends: ["Toaster", "Whiskers", "Cloud Dragon", "Candy", "Robot"],
            features: [
                "a talking fox who wants to fly", "songs the whole family will sing along to",
                "bright hand-drawn animation",
                "a friendship between a robot and a girl", "jokes for parents hidden in plain sight",
                "a gentle lesson about courage"
            ],
            uses: [
                "a cosy family movie night", "a rainy afternoon with the kids", "laughing together",
                "a first trip to the cinema"
            ],
            audiences: ["young children and their parents", "families", "fans of animation"],
            searches: ["kids animated movie", "family film", "cartoon movie for children"]),
        story(
            "Movies>Thriller", kinds: ["thriller", "crime film"],
            starts: ["Dead", "The Silent", "Night", "Cold", "The Last"],
            ends: ["Witness", "Signal", "Heist", "Trace", "Exit"],
            features: [
                "a bank heist that goes wrong", "a detective racing a killer", "a hacker who knows too much",
                "a chase through rainy city streets", "a plot twist nobody sees coming",
                "a tense standoff in an airport"
            ],
            uses: [
                "edge-of-the-seat suspense", "a late-night movie", "guessing who to trust",
                "a tight two hours of tension"
            ],
            audiences: ["thriller fans", "crime drama lovers", "adult viewers"],
            searches: ["heist thriller movie", "crime thriller film", "suspense movie"]),
        product(
            "Outdoors>Hiking", kinds: ["hiking backpack", "pair of hiking boots", "trekking pole set"],
            starts: ["Summit", "Ridge", "Alpine", "Trailhead", "Granite"],
            ends: ["35L", "Trek GTX", "Carbon", "Explorer", "Lite"],
            features: [
                "a waterproof membrane", "a ventilated back panel", "grippy Vibram soles",
                "a rain cover that tucks away",
                "carbon shafts that weigh almost nothing", "reinforced toe caps"
            ],
            uses: [
                "day hikes in the mountains", "multi-day treks", "muddy forest trails", "scrambling over rocky ridges"
            ],
            audiences: ["weekend hikers", "long-distance trekkers", "mountain lovers"],
            searches: ["waterproof hiking boots", "hiking backpack 30l", "trekking poles"]),
        product(
            "Outdoors>Camping", kinds: ["tent", "sleeping bag", "camping stove"],
            starts: ["Basecamp", "Nomad", "Firefly", "Pinewood", "Lakeside"],
            ends: ["2P", "Down 0°", "Micro", "Dome", "Trail"],
            features: [
                "a two-minute pitch", "a down fill that packs small", "a wind-resistant burner",
                "a roomy vestibule for gear",
                "taped seams that keep the rain out", "a compression sack"
            ],
            uses: ["weekends by the lake", "wild camping under the stars", "festival trips", "cold nights at altitude"],
            audiences: ["families who camp", "backpackers", "festival-goers"],
            searches: ["two person tent", "lightweight sleeping bag", "camping stove"]),
        product(
            "Outdoors>Cycling", kinds: ["bike helmet", "bike light set", "cycling jersey"],
            starts: ["Velo", "Cadence", "Sprint", "Gravel", "Spoke"],
            ends: ["Aero", "Commuter", "Pro", "Night 800", "Climber"],
            features: [
                "MIPS impact protection", "an 800-lumen front light", "breathable mesh panels",
                "a USB-C rechargeable battery",
                "reflective details for night rides", "a snug, adjustable fit"
            ],
            uses: ["daily commutes by bike", "long gravel rides", "group rides on weekends", "riding home after dark"],
            audiences: ["bike commuters", "road cyclists", "gravel riders"],
            searches: ["bike helmet mips", "bike lights usb", "cycling jersey"]),
        product(
            "Kitchen>Coffee", kinds: ["coffee grinder", "espresso machine", "pour-over kettle"],
            starts: ["Barista", "Crema", "Roastery", "Ristretto", "Morning"],
            ends: ["Burr 40", "Duo", "Gooseneck", "Classic", "One"],
            features: [
                "conical steel burrs", "a fifteen-bar pump", "a gooseneck spout for a slow pour",
                "a steam wand for silky milk",
                "forty grind settings from espresso to French press", "a built-in thermometer"
            ],
            uses: [
                "espresso at home", "a slow pour-over on Sunday mornings", "latte art practice",
                "brewing for the whole office"
            ],
            audiences: ["coffee lovers", "home baristas", "people who roast their own beans"],
            searches: ["burr coffee grinder", "espresso machine home", "pour over kettle"]),
        product(
            "Kitchen>Baking", kinds: ["stand mixer", "baking tin set", "proofing basket"],
            starts: ["Golden", "Crumb", "Sourdough", "Patisserie", "Butter"],
            ends: ["Mixer 5", "Loaf Pan", "Banneton", "Pro", "Bake Set"],
            features: [
                "a planetary mixing action", "a non-stick coating that releases cleanly",
                "rattan that gives loaves a spiral crust",
                "a dough hook for heavy bread", "even heat across the tray", "a splash guard"
            ],
            uses: ["baking sourdough bread", "birthday cakes", "holiday cookies with the kids", "weekend croissants"],
            audiences: ["home bakers", "sourdough beginners", "families who bake together"],
            searches: ["stand mixer", "sourdough banneton", "cake tin set"]),
        product(
            "Kitchen>Cookware", kinds: ["cast-iron skillet", "chef's knife", "stock pot"],
            starts: ["Forge", "Hearth", "Iron", "Copper", "Chef"],
            ends: ["12-inch", "Santoku", "8 Quart", "Classic", "Pro"],
            features: [
                "a pre-seasoned surface", "a blade of hardened Japanese steel", "a thick base that spreads heat evenly",
                "a handle that stays cool", "an oven-safe build", "a lid that seals in steam"
            ],
            uses: ["searing steaks", "slow-cooked stews and soups", "everyday chopping", "cooking for a crowd"],
            audiences: ["home cooks", "people learning to cook", "food lovers"],
            searches: ["cast iron pan", "chef knife", "large soup pot"]),
        product(
            "Fashion>Watches", kinds: ["watch", "wristwatch"],
            starts: ["Meridian", "Tempus", "Atlas", "Regent", "Harbor"],
            ends: ["Automatic", "Chrono", "Diver 200", "Classic 38", "Field"],
            features: [
                "a sapphire crystal", "a Swiss automatic movement", "a leather strap that softens with wear",
                "a 200-metre water resistance", "a clean dial with lumed hands", "an exhibition case back"
            ],
            uses: ["everyday wear at the office", "a wedding gift", "diving holidays", "a first serious watch"],
            audiences: ["watch collectors", "people who like refined accessories", "gift buyers"],
            searches: ["automatic watch", "leather strap watch", "dive watch"]),
        product(
            "Fashion>Sneakers", kinds: ["pair of sneakers", "pair of trainers"],
            starts: ["Street", "Retro", "Court", "Urban", "Cloud"],
            ends: ["Runner 90", "Low", "High-Top", "Knit", "Classic"],
            features: [
                "a cushioned foam sole", "a breathable knit upper", "a retro colourway", "a suede toe box",
                "a grippy rubber outsole", "a limited-edition design"
            ],
            uses: [
                "everyday city walking", "completing a casual outfit", "collecting limited drops",
                "standing all day at work"
            ],
            audiences: ["sneaker collectors", "street-style fans", "students"],
            searches: ["white sneakers", "retro trainers", "limited edition sneakers"]),
        product(
            "Fashion>Bags", kinds: ["leather bag", "backpack", "tote"],
            starts: ["Heritage", "Atelier", "Voyage", "Saddle", "Linen"],
            ends: ["Tote", "Messenger", "Weekender", "Crossbody", "Satchel"],
            features: [
                "full-grain leather", "brass hardware", "a padded laptop sleeve", "hand-stitched seams",
                "a detachable shoulder strap", "a water-repellent lining"
            ],
            uses: ["carrying a laptop to work", "weekend city breaks", "a gift that lasts", "everyday errands"],
            audiences: ["professionals", "people who like refined accessories", "travellers"],
            searches: ["leather tote bag", "laptop messenger bag", "weekender bag"]),
        product(
            "Home>Furniture", kinds: ["sofa", "dining table", "bookshelf"],
            starts: ["Nordic", "Oak", "Loft", "Haven", "Maple"],
            ends: ["Three-Seater", "Extendable", "Ladder Shelf", "Lounge", "Classic"],
            features: [
                "solid oak legs", "removable washable covers", "an extendable top that seats eight",
                "deep seat cushions", "a scratch-resistant finish", "tool-free assembly"
            ],
            uses: ["a small apartment living room", "family dinners", "displaying books and plants", "lazy Sundays"],
            audiences: ["first-time home owners", "families", "people furnishing a studio"],
            searches: ["three seater sofa", "extendable dining table", "oak bookshelf"]),
        product(
            "Home>Lighting", kinds: ["floor lamp", "pendant light", "smart bulb set"],
            starts: ["Lumina", "Glow", "Arc", "Beacon", "Dawn"],
            ends: ["Floor", "Pendant", "Smart 4-Pack", "Reading", "Globe"],
            features: [
                "a warm dimmable glow", "an adjustable arm", "app control with schedules", "a hand-blown glass shade",
                "a soft light that is easy on the eyes", "a brass finish"
            ],
            uses: [
                "reading in the evening", "a cosy living room", "lighting a dining table",
                "waking up with a sunrise effect"
            ],
            audiences: ["interior design lovers", "renters who want an easy upgrade", "smart home fans"],
            searches: ["arc floor lamp", "pendant light kitchen", "smart light bulbs"]),
        product(
            "Home>Bedding", kinds: ["duvet", "bed sheet set", "pillow"],
            starts: ["Cloud", "Linen", "Dream", "Cotton", "Feather"],
            ends: ["All-Season", "Percale", "Memory Foam", "Sateen", "Cooling"],
            features: [
                "breathable organic cotton", "stonewashed linen", "a cooling gel layer", "hypoallergenic filling",
                "a 400-thread-count weave", "corner ties that keep the duvet in place"
            ],
            uses: ["hot summer nights", "a guest room", "better sleep", "a hotel feel at home"],
            audiences: ["light sleepers", "people with allergies", "new parents"],
            searches: ["linen bed sheets", "all season duvet", "memory foam pillow"]),
        product(
            "Sports>Running", kinds: ["pair of running shoes", "running watch", "running vest"],
            starts: ["Stride", "Pace", "Marathon", "Tempo", "Sprint"],
            ends: ["Road 3", "GPS 255", "Trail", "Race", "Hydro Vest"],
            features: [
                "a springy carbon plate", "accurate GPS with heart-rate", "a light breathable upper",
                "two soft flasks for water", "a cushioned ride for long miles", "reflective trims"
            ],
            uses: ["training for a marathon", "early morning 5Ks", "trail races", "tracking interval sessions"],
            audiences: ["marathon runners", "beginners starting to run", "trail runners"],
            searches: ["marathon running shoes", "gps running watch", "running hydration vest"]),
        product(
            "Sports>Yoga", kinds: ["yoga mat", "yoga block set", "meditation cushion"],
            starts: ["Lotus", "Zen", "Balance", "Flow", "Prana"],
            ends: ["Grip 6mm", "Cork Blocks", "Zafu", "Travel", "Pro"],
            features: [
                "a non-slip natural rubber surface", "firm cork blocks", "buckwheat filling", "alignment lines",
                "a strap for carrying", "a thick layer that protects the knees"
            ],
            uses: ["a daily yoga practice", "meditation in the morning", "hot yoga classes", "stretching after runs"],
            audiences: ["yoga beginners", "experienced yogis", "people who meditate"],
            searches: ["non slip yoga mat", "cork yoga blocks", "meditation cushion"]),
        product(
            "Sports>Football", kinds: ["football", "pair of football boots", "goalkeeper glove set"],
            starts: ["Striker", "Pitch", "Derby", "Goal", "League"],
            ends: ["Match Ball", "FG Elite", "Grip Pro", "Training", "Academy"],
            features: [
                "a thermally bonded panel design", "studs for firm ground", "latex palms that grip in the rain",
                "a true and stable flight", "a lightweight synthetic upper", "finger protection"
            ],
            uses: ["Sunday league matches", "training sessions", "five-a-side with friends", "youth academy practice"],
            audiences: ["amateur footballers", "youth players", "goalkeepers"],
            searches: ["football boots firm ground", "match football size 5", "goalkeeper gloves"]),
        product(
            "Toys>Building Sets", kinds: ["building set", "construction kit"],
            starts: ["Brick", "Builder", "Block", "Mega", "Tiny"],
            ends: ["Space Station", "Castle", "City Fire Truck", "Robot Kit", "Pirate Ship"],
            features: [
                "over five hundred pieces", "clear step-by-step instructions", "motorised parts",
                "minifigures with accessories",
                "pieces compatible with other sets", "a model that can be rebuilt three ways"
            ],
            uses: [
                "a rainy weekend project", "learning about engineering", "building together as a family",
                "a birthday present"
            ],
            audiences: ["kids aged six and up", "young engineers", "families"],
            searches: ["building blocks set", "kids construction kit", "robot building kit"]),
        product(
            "Toys>Board Games", kinds: ["board game", "card game"],
            starts: ["Settlers of", "Ticket to", "Castles of", "Secret", "Dungeon"],
            ends: ["the Isle", "the North", "Harbor", "Council", "Quest"],
            features: [
                "a forty-five-minute play time", "beautiful illustrated cards", "a cooperative mode",
                "simple rules with deep strategy",
                "room for two to six players", "an expansion-ready box"
            ],
            uses: [
                "game nights with friends", "family evenings", "playing as a couple",
                "introducing friends to modern board games"
            ],
            audiences: ["strategy lovers", "families", "casual players"],
            searches: ["strategy board game", "cooperative board game", "family card game"]),
        product(
            "Toys>Plush", kinds: ["plush toy", "stuffed animal"],
            starts: ["Snuggle", "Cuddle", "Fluffy", "Sleepy", "Happy"], ends: ["Bear", "Bunny", "Panda", "Dino", "Owl"],
            features: [
                "extra-soft fur", "embroidered eyes that are safe for babies", "a machine-washable body",
                "a gentle lullaby inside",
                "a size that fits in small arms", "hypoallergenic stuffing"
            ],
            uses: ["bedtime comfort", "a newborn gift", "long car journeys", "a first friend"],
            audiences: ["babies and toddlers", "new parents", "collectors of cute things"],
            searches: ["soft teddy bear", "baby plush toy", "stuffed animal"]),
        product(
            "Beauty>Skincare", kinds: ["face serum", "moisturiser", "sunscreen"],
            starts: ["Dew", "Glow", "Pure", "Hydra", "Calm"],
            ends: ["Vitamin C Serum", "Barrier Cream", "SPF 50", "Night Repair", "Gel"],
            features: [
                "hyaluronic acid for deep hydration", "a lightweight texture that sinks in fast",
                "broad-spectrum SPF 50",
                "niacinamide to calm redness", "a fragrance-free formula", "ceramides that repair the skin barrier"
            ],
            uses: [
                "a morning skincare routine", "dry winter skin", "sunny days outdoors", "an evening wind-down ritual"
            ],
            audiences: ["people with sensitive skin", "skincare enthusiasts", "anyone starting a routine"],
            searches: ["vitamin c serum", "moisturiser sensitive skin", "spf 50 sunscreen"]),
        product(
            "Beauty>Fragrance", kinds: ["eau de parfum", "perfume", "cologne"],
            starts: ["Velvet", "Amber", "Cedar", "Bloom", "Noir"], ends: ["Oud", "Rose", "No. 5", "Citrus", "Musk"],
            features: [
                "notes of bergamot and cedar", "a warm amber base", "a long-lasting trail", "a fresh citrus opening",
                "a hand-finished glass bottle", "a soft floral heart of rose and jasmine"
            ],
            uses: ["evenings out", "an everyday signature scent", "a gift for someone special", "summer days"],
            audiences: ["fragrance lovers", "gift buyers", "people who like refined accessories"],
            searches: ["long lasting perfume", "woody cologne", "floral eau de parfum"]),
        product(
            "Beauty>Haircare", kinds: ["shampoo", "hair dryer", "hair oil"],
            starts: ["Silk", "Volume", "Argan", "Curl", "Shine"],
            ends: ["Repair Shampoo", "Ionic 2000", "Oil", "Defining Cream", "Mask"],
            features: [
                "argan oil that tames frizz", "ionic technology that dries fast", "a sulphate-free formula",
                "a diffuser for curls", "a scent of coconut", "heat protection"
            ],
            uses: ["curly hair days", "quick mornings", "repairing bleached hair", "salon results at home"],
            audiences: ["people with curly hair", "anyone with dry or damaged hair", "busy professionals"],
            searches: ["sulphate free shampoo", "ionic hair dryer", "argan hair oil"]),
        product(
            "Garden>Houseplants", kinds: ["houseplant", "potted plant"],
            starts: ["Monstera", "Fiddle Leaf", "Snake", "Pothos", "Calathea"],
            ends: ["Deliciosa", "Fig", "Plant", "Golden", "Medallion"],
            features: [
                "glossy split leaves", "a ceramic pot with drainage", "tolerance of low light", "air-purifying foliage",
                "a care card with watering tips", "a trailing habit that suits shelves"
            ],
            uses: [
                "brightening a home office", "a bathroom with little light", "a housewarming gift",
                "a green corner in a flat"
            ],
            audiences: ["plant parents", "beginners who forget to water", "interior lovers"],
            searches: ["low light houseplant", "monstera plant", "easy care indoor plant"]),
        product(
            "Garden>Tools", kinds: ["pruning shears", "garden spade", "hose set"],
            starts: ["Green", "Root", "Harvest", "Meadow", "Thorn"],
            ends: ["Bypass Pruner", "Spade", "Hose 30m", "Trowel", "Rake"],
            features: [
                "a carbon steel blade", "an ergonomic grip", "a kink-free hose", "an ash wood handle",
                "a spring that opens the blades", "a lifetime warranty"
            ],
            uses: ["pruning roses", "digging vegetable beds", "watering a long garden", "autumn clean-ups"],
            audiences: ["keen gardeners", "allotment growers", "new home owners"],
            searches: ["bypass pruning shears", "garden spade", "garden hose"]),
        product(
            "Garden>Seeds", kinds: ["seed collection", "seed kit"],
            starts: ["Heirloom", "Wildflower", "Kitchen", "Sunny", "Cottage"],
            ends: ["Tomato Mix", "Meadow", "Herb Garden", "Sunflower", "Salad"],
            features: [
                "organic heirloom varieties", "a germination guide", "pollinator-friendly flowers",
                "seeds for a full season",
                "compostable pots", "a mix of colours and shapes"
            ],
            uses: [
                "a first vegetable patch", "balcony herb growing", "bringing bees to the garden",
                "growing with children"
            ],
            audiences: ["beginner gardeners", "balcony growers", "families"],
            searches: ["heirloom tomato seeds", "herb seed kit", "wildflower seeds"]),
        product(
            "Music>Guitars", kinds: ["acoustic guitar", "electric guitar", "guitar amplifier"],
            starts: ["Fretline", "Harmony", "Blues", "Vintage", "Echo"],
            ends: ["Dreadnought", "Strat 60", "Jazzmaster", "Tube 20", "Parlour"],
            features: [
                "a solid spruce top", "a fast maple neck", "humbucking pickups", "a warm tube tone",
                "a set-up ready to play", "a gig bag included"
            ],
            uses: ["learning your first chords", "playing blues in a band", "recording at home", "campfire songs"],
            audiences: ["beginner guitarists", "gigging musicians", "collectors of vintage tone"],
            searches: ["acoustic guitar beginner", "electric guitar", "tube amp"]),
        story(
            "Music>Jazz Records", kinds: ["jazz record", "vinyl album"],
            starts: ["Blue", "Midnight", "Round", "Kind of", "A Love"],
            ends: ["Train", "in Harlem", "Sessions", "Supreme", "Standards"],
            features: [
                "a warm upright bass", "a muted trumpet solo that lingers", "a live recording from a smoky club",
                "a remastered pressing on 180-gram vinyl", "a quartet at the top of its game",
                "liner notes from the original release"
            ],
            uses: [
                "quiet evenings with a record player", "a dinner party soundtrack", "discovering the classics",
                "Sunday morning coffee"
            ],
            audiences: ["jazz lovers", "vinyl collectors", "newcomers to jazz"],
            searches: ["jazz vinyl", "classic jazz album", "bebop record"]),
        product(
            "Music>Keyboards", kinds: ["digital piano", "MIDI keyboard", "synthesizer"],
            starts: ["Grand", "Studio", "Key", "Analog", "Nocturne"],
            ends: ["88 Hammer", "Mini 25", "Poly 6", "Stage", "Home"],
            features: [
                "weighted hammer-action keys", "a sampled concert grand", "velocity-sensitive pads",
                "a classic analog filter",
                "a built-in metronome and lessons", "USB-MIDI for any computer"
            ],
            uses: [
                "piano lessons at home", "producing beats", "playing on stage", "practising quietly with headphones"
            ],
            audiences: ["piano students", "music producers", "keyboard players"],
            searches: ["digital piano 88 keys", "midi keyboard", "analog synth"])
    ]
}
