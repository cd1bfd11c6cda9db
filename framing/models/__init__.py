"""scikit-learn classifiers: data-set readers, task recipes, training, persistence, cards."""
