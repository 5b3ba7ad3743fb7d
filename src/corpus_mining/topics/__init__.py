"""Topic modelling: passage embedders, their vector cache, and the topic models built on them."""
